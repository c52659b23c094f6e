"""Money: a plan's income and costs year by year, in exact decimals."""
