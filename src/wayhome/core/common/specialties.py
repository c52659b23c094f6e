"""Specialties and subspecialties as physicians write them: one shared list.

Every specialty has a slug (``internal-medicine``: what profiles and packs store), a name
as physicians write it ("Internal medicine"), the ABMS member boards that certify it, the
name of the board's certificate where it differs ("Cardiovascular Disease"), the specialty
a subspecialty belongs to, and other spellings ("Paediatrics", "OB/GYN", "ENT").

- :func:`lookup`: the specialty any of those names, in any case and spacing, stands for;
- :func:`nearest`: the closest specialties to a name that is none of them;
- :func:`specialty_id`: the slug for a name, or :class:`UnknownSpecialtyError` naming the
  nearest matches (the profile's specialty fields and the web forms use it).

A pack lists its regulator's own words for specialties and maps them to these slugs
(``specialties.shared`` in a pack); conditions on ``specialty`` use the slugs.
Pure: no I/O, no Django.
"""

from __future__ import annotations

import re
from typing import Final

from anyascii import anyascii
from msgspec import Struct

# The 24 ABMS member boards, by the abbreviation a board certification names.
BOARDS: Final[dict[str, str]] = {
    "ABAI": "American Board of Allergy and Immunology",
    "ABA": "American Board of Anesthesiology",
    "ABCRS": "American Board of Colon and Rectal Surgery",
    "ABD": "American Board of Dermatology",
    "ABEM": "American Board of Emergency Medicine",
    "ABFM": "American Board of Family Medicine",
    "ABIM": "American Board of Internal Medicine",
    "ABMGG": "American Board of Medical Genetics and Genomics",
    "ABNS": "American Board of Neurological Surgery",
    "ABNM": "American Board of Nuclear Medicine",
    "ABOG": "American Board of Obstetrics and Gynecology",
    "ABO": "American Board of Ophthalmology",
    "ABOS": "American Board of Orthopaedic Surgery",
    "ABOto": "American Board of Otolaryngology - Head and Neck Surgery",
    "ABPath": "American Board of Pathology",
    "ABP": "American Board of Pediatrics",
    "ABPMR": "American Board of Physical Medicine and Rehabilitation",
    "ABPS": "American Board of Plastic Surgery",
    "ABPM": "American Board of Preventive Medicine",
    "ABPN": "American Board of Psychiatry and Neurology",
    "ABR": "American Board of Radiology",
    "ABS": "American Board of Surgery",
    "ABTS": "American Board of Thoracic Surgery",
    "ABU": "American Board of Urology",
}


class Specialty(Struct, frozen=True):
    """A specialty or subspecialty of the shared list: its slug, name, boards and aliases."""

    slug: str
    name: str  # as physicians write it
    boards: tuple[str, ...]  # ABMS member boards certifying it (BOARDS' keys); () for none
    certificate: str | None = None  # the board certificate's name, where it differs
    parent: str | None = None  # the specialty a subspecialty belongs to
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every way of writing it that :func:`lookup` takes (besides the slug)."""
        return (self.name, *((self.certificate,) if self.certificate else ()), *self.aliases)


def _s(
    slug: str,
    name: str,
    boards: str,
    *aliases: str,
    certificate: str | None = None,
    parent: str | None = None,
) -> Specialty:
    return Specialty(slug, name, tuple(boards.split()), certificate, parent, aliases)


IM, PED, SURG, OBG, PSY, NEU, PATH = (
    "internal-medicine",
    "pediatrics",
    "general-surgery",
    "obstetrics-gynecology",
    "psychiatry",
    "neurology",
    "pathology",
)

# fmt: off
_LIST: Final = (
    # Specialties, with the board that certifies each.
    _s("allergy-immunology", "Allergy and immunology", "ABAI", "Allergy", "Clinical immunology"),
    _s("anesthesiology", "Anesthesiology", "ABA", "Anaesthesiology", "Anaesthesia", "Anesthesia",
       "Anaesthetics"),
    _s("colon-rectal-surgery", "Colon and rectal surgery", "ABCRS", "Colorectal surgery",
       "Proctology"),
    _s("dermatology", "Dermatology", "ABD", "Dermatology and venereology", "Dermatovenereology"),
    _s("emergency-medicine", "Emergency medicine", "ABEM", "Accident and emergency medicine"),
    _s("family-medicine", "Family medicine", "ABFM", "Family practice", "General practice",
       "Family and community medicine", "Primary care"),
    _s(IM, "Internal medicine", "ABIM", "General internal medicine", "Medicine", "IM",
       "General medicine", "Innere Medizin", "Clinica medica"),
    _s("medical-genetics", "Medical genetics and genomics", "ABMGG", "Medical genetics",
       "Clinical genetics", "Genetics", certificate="Clinical Genetics and Genomics"),
    _s("neurological-surgery", "Neurosurgery", "ABNS", "Neurological surgery"),
    _s("nuclear-medicine", "Nuclear medicine", "ABNM"),
    _s(OBG, "Obstetrics and gynecology", "ABOG", "Obstetrics and gynaecology", "OB/GYN", "OBGYN",
       "Gynecology and obstetrics", "Gynaecology and obstetrics", "O&G", "Gynecology",
       "Obstetrics"),
    _s("ophthalmology", "Ophthalmology", "ABO"),
    _s("orthopaedic-surgery", "Orthopaedic surgery", "ABOS", "Orthopedic surgery", "Orthopedics",
       "Orthopaedics", "Trauma and orthopaedics", "Trauma and orthopaedic surgery"),
    _s("otolaryngology", "Otolaryngology", "ABOto", "ENT", "Ear nose and throat",
       "Otorhinolaryngology", "Head and neck surgery",
       certificate="Otolaryngology - Head and Neck Surgery"),
    _s(PATH, "Pathology", "ABPath", "Anatomic and clinical pathology", "Anatomic pathology",
       "Clinical pathology", "Histopathology", "Anatomical pathology"),
    _s(PED, "Pediatrics", "ABP", "Paediatrics", "Pediatric medicine", "Paediatric medicine",
       "General pediatrics", "Pediatry"),
    _s("physical-medicine-rehabilitation", "Physical medicine and rehabilitation", "ABPMR",
       "PM&R", "PMR", "Physiatry", "Rehabilitation medicine"),
    _s("plastic-surgery", "Plastic surgery", "ABPS", "Plastic and reconstructive surgery",
       "Plastic reconstructive and aesthetic surgery"),
    _s("preventive-medicine", "Preventive medicine", "ABPM",
       "Public health and general preventive medicine", "Public health"),
    _s("occupational-medicine", "Occupational medicine", "ABPM", "Occupational health"),
    _s("aerospace-medicine", "Aerospace medicine", "ABPM", "Aviation medicine"),
    _s(PSY, "Psychiatry", "ABPN", "Adult psychiatry", "General psychiatry"),
    _s(NEU, "Neurology", "ABPN", "Adult neurology"),
    _s("child-neurology", "Child neurology", "ABPN", "Pediatric neurology", "Paediatric neurology",
       certificate="Neurology with Special Qualification in Child Neurology"),
    _s("diagnostic-radiology", "Diagnostic radiology", "ABR", "Radiology", "Radiodiagnosis",
       "Clinical radiology", "Diagnostic imaging", "Radiologia"),
    _s("interventional-radiology", "Interventional radiology", "ABR", "IR",
       "Vascular and interventional radiology",
       certificate="Interventional Radiology and Diagnostic Radiology"),
    _s("radiation-oncology", "Radiation oncology", "ABR", "Radiotherapy", "Radiation therapy"),
    _s(SURG, "General surgery", "ABS", "Surgery", "Cirurgia geral", "Allgemeinchirurgie",
       certificate="Surgery"),
    _s("vascular-surgery", "Vascular surgery", "ABS"),
    _s("thoracic-surgery", "Thoracic and cardiac surgery", "ABTS", "Cardiothoracic surgery",
       "Thoracic surgery", "Cardiac surgery", "Cardiovascular and thoracic surgery",
       "Cardiovascular surgery", "CT surgery", certificate="Thoracic and Cardiac Surgery"),
    _s("urology", "Urology", "ABU"),
    # Internal medicine's subspecialties (ABIM, and the boards that share some).
    _s("cardiology", "Cardiology", "ABIM", "Adult cardiology", "General cardiology",
       "Clinical cardiology", "Kardiologie", "Cardiologia", parent=IM),
    _s("cardiovascular-disease", "Cardiovascular disease", "ABIM", "Cardiovascular diseases",
       "Cardiovascular medicine", certificate="Cardiovascular Disease", parent=IM),
    _s("interventional-cardiology", "Interventional cardiology", "ABIM", parent=IM),
    _s("clinical-cardiac-electrophysiology", "Clinical cardiac electrophysiology", "ABIM",
       "Cardiac electrophysiology", "Electrophysiology", parent=IM),
    _s("advanced-heart-failure-transplant-cardiology",
       "Advanced heart failure and transplant cardiology", "ABIM", "Advanced heart failure",
       "Heart failure", "Heart failure and transplant cardiology", parent=IM),
    _s("adult-congenital-heart-disease", "Adult congenital heart disease", "ABIM", "ACHD",
       parent=IM),
    _s("critical-care-medicine", "Critical care medicine", "ABIM ABA ABEM ABOG", "Critical care",
       "Intensive care medicine", "Intensive care", "Intensive therapy", parent=IM),
    _s("pulmonary-disease", "Pulmonary disease", "ABIM", "Pulmonology", "Pulmonary medicine",
       "Respiratory medicine", "Chest medicine", "Pneumology", parent=IM),
    _s("pulmonary-critical-care", "Pulmonary and critical care medicine", "ABIM",
       "Pulmonary disease and critical care medicine", "Pulmonary and critical care", "PCCM",
       "Pulmonology and critical care", parent=IM),
    _s("endocrinology", "Endocrinology", "ABIM", "Endocrinology and metabolism",
       "Endocrinology and diabetes", "Diabetes and endocrinology",
       certificate="Endocrinology, Diabetes and Metabolism", parent=IM),
    _s("gastroenterology", "Gastroenterology", "ABIM", "Gastroenterology and hepatology",
       "GI", parent=IM),
    _s("transplant-hepatology", "Transplant hepatology", "ABIM", "Hepatology", parent=IM),
    _s("geriatric-medicine", "Geriatric medicine", "ABIM ABFM", "Geriatrics",
       "Care of the elderly", parent=IM),
    _s("hematology", "Hematology", "ABIM", "Haematology", parent=IM),
    _s("medical-oncology", "Medical oncology", "ABIM", "Oncology", parent=IM),
    _s("hematology-oncology", "Hematology and medical oncology", "ABIM", "Hematology-oncology",
       "Hematology and oncology", "Haematology and oncology", "Hem/Onc", parent=IM),
    _s("infectious-disease", "Infectious disease", "ABIM", "Infectious diseases",
       "Infectiology", parent=IM),
    _s("nephrology", "Nephrology", "ABIM", "Renal medicine", parent=IM),
    _s("rheumatology", "Rheumatology", "ABIM", parent=IM),
    _s("hospital-medicine", "Hospital medicine", "ABIM", "Hospitalist medicine",
       certificate="Focused Practice in Hospital Medicine", parent=IM),
    _s("hospice-palliative-medicine", "Hospice and palliative medicine",
       "ABIM ABA ABEM ABFM ABOG ABP ABPMR ABPN ABR ABS", "Palliative medicine",
       "Palliative care", parent=IM),
    _s("sleep-medicine", "Sleep medicine", "ABIM ABA ABFM ABOto ABP ABPN", parent=IM),
    _s("sports-medicine", "Sports medicine", "ABIM ABEM ABFM ABP ABPMR",
       "Sport and exercise medicine", parent=IM),
    _s("adolescent-medicine", "Adolescent medicine", "ABIM ABFM ABP", parent=IM),
    _s("neurocritical-care", "Neurocritical care", "ABPN ABA ABEM ABIM ABNS", parent=NEU),
    _s("addiction-medicine", "Addiction medicine", "ABPM", parent="preventive-medicine"),
    _s("clinical-informatics", "Clinical informatics", "ABPM ABPath",
       parent="preventive-medicine"),
    _s("medical-toxicology", "Medical toxicology", "ABEM ABPM ABP", "Toxicology",
       parent="emergency-medicine"),
    _s("undersea-hyperbaric-medicine", "Undersea and hyperbaric medicine", "ABEM ABPM",
       "Hyperbaric medicine", parent="emergency-medicine"),
    _s("emergency-medical-services", "Emergency medical services", "ABEM", "EMS",
       parent="emergency-medicine"),
    _s("pain-medicine", "Pain medicine", "ABA ABEM ABFM ABPMR ABPN", "Pain management",
       "Interventional pain medicine", parent="anesthesiology"),
    _s("pediatric-anesthesiology", "Pediatric anesthesiology", "ABA", "Paediatric anaesthesia",
       "Pediatric anesthesia", parent="anesthesiology"),
    _s("adult-cardiac-anesthesiology", "Adult cardiac anesthesiology", "ABA",
       "Cardiac anesthesia", "Cardiothoracic anesthesiology", parent="anesthesiology"),
    # Pediatrics' subspecialties (ABP).
    _s("neonatology", "Neonatology", "ABP", "Neonatal medicine", "Neonatal-perinatal medicine",
       certificate="Neonatal-Perinatal Medicine", parent=PED),
    _s("pediatric-cardiology", "Pediatric cardiology", "ABP", "Paediatric cardiology",
       parent=PED),
    _s("pediatric-critical-care-medicine", "Pediatric critical care medicine", "ABP",
       "Pediatric intensive care", "Paediatric intensive care", "PICU", parent=PED),
    _s("pediatric-emergency-medicine", "Pediatric emergency medicine", "ABP ABEM",
       "Paediatric emergency medicine", parent=PED),
    _s("pediatric-endocrinology", "Pediatric endocrinology", "ABP", "Paediatric endocrinology",
       parent=PED),
    _s("pediatric-gastroenterology", "Pediatric gastroenterology", "ABP",
       "Paediatric gastroenterology", parent=PED),
    _s("pediatric-hematology-oncology", "Pediatric hematology-oncology", "ABP",
       "Pediatric hematology and oncology", "Paediatric haematology and oncology",
       "Pediatric oncology", parent=PED),
    _s("pediatric-infectious-diseases", "Pediatric infectious diseases", "ABP",
       "Pediatric infectious disease", "Paediatric infectious diseases", parent=PED),
    _s("pediatric-nephrology", "Pediatric nephrology", "ABP", "Paediatric nephrology",
       parent=PED),
    _s("pediatric-pulmonology", "Pediatric pulmonology", "ABP", "Paediatric respiratory medicine",
       "Pediatric pulmonary medicine", parent=PED),
    _s("pediatric-rheumatology", "Pediatric rheumatology", "ABP", "Paediatric rheumatology",
       parent=PED),
    _s("developmental-behavioral-pediatrics", "Developmental-behavioral pediatrics", "ABP",
       "Developmental pediatrics", "Developmental and behavioural paediatrics", parent=PED),
    _s("child-abuse-pediatrics", "Child abuse pediatrics", "ABP", parent=PED),
    _s("pediatric-hospital-medicine", "Pediatric hospital medicine", "ABP", parent=PED),
    # Surgery's subspecialties (ABS, ABTS, ABOS, ABPS, ABU, ABOto).
    _s("pediatric-surgery", "Pediatric surgery", "ABS", "Paediatric surgery", parent=SURG),
    _s("surgical-critical-care", "Surgical critical care", "ABS", "Surgical intensive care",
       parent=SURG),
    _s("complex-general-surgical-oncology", "Complex general surgical oncology", "ABS",
       "Surgical oncology", parent=SURG),
    _s("hand-surgery", "Hand surgery", "ABS ABOS ABPS", certificate="Surgery of the Hand",
       parent=SURG),
    _s("congenital-cardiac-surgery", "Congenital cardiac surgery", "ABTS",
       "Pediatric cardiac surgery", parent="thoracic-surgery"),
    _s("orthopaedic-sports-medicine", "Orthopaedic sports medicine", "ABOS",
       "Orthopedic sports medicine", parent="orthopaedic-surgery"),
    _s("pediatric-urology", "Pediatric urology", "ABU", "Paediatric urology", parent="urology"),
    _s("neurotology", "Neurotology", "ABOto", "Otology and neurotology", "Otology",
       parent="otolaryngology"),
    # Obstetrics and gynecology's subspecialties (ABOG).
    _s("maternal-fetal-medicine", "Maternal-fetal medicine", "ABOG", "Perinatology",
       "Fetal medicine", "High-risk obstetrics", parent=OBG),
    _s("reproductive-endocrinology-infertility", "Reproductive endocrinology and infertility",
       "ABOG", "REI", "Reproductive medicine", "Infertility", parent=OBG),
    _s("gynecologic-oncology", "Gynecologic oncology", "ABOG", "Gynaecological oncology",
       "Gynecological oncology", parent=OBG),
    _s("urogynecology", "Urogynecology and reconstructive pelvic surgery", "ABOG ABU",
       "Urogynecology", "Urogynaecology", "Female pelvic medicine and reconstructive surgery",
       "FPMRS", parent=OBG),
    _s("complex-family-planning", "Complex family planning", "ABOG", parent=OBG),
    # Psychiatry and neurology's subspecialties (ABPN).
    _s("child-adolescent-psychiatry", "Child and adolescent psychiatry", "ABPN",
       "Child psychiatry", parent=PSY),
    _s("addiction-psychiatry", "Addiction psychiatry", "ABPN", parent=PSY),
    _s("forensic-psychiatry", "Forensic psychiatry", "ABPN", parent=PSY),
    _s("geriatric-psychiatry", "Geriatric psychiatry", "ABPN", "Old age psychiatry",
       "Psychogeriatrics", parent=PSY),
    _s("consultation-liaison-psychiatry", "Consultation-liaison psychiatry", "ABPN",
       "Liaison psychiatry", "Psychosomatic medicine", parent=PSY),
    _s("clinical-neurophysiology", "Clinical neurophysiology", "ABPN", parent=NEU),
    _s("epilepsy", "Epilepsy", "ABPN", "Epileptology", parent=NEU),
    _s("vascular-neurology", "Vascular neurology", "ABPN", "Stroke medicine", "Stroke",
       parent=NEU),
    _s("neuromuscular-medicine", "Neuromuscular medicine", "ABPN ABPMR", parent=NEU),
    _s("brain-injury-medicine", "Brain injury medicine", "ABPN ABPMR",
       parent="physical-medicine-rehabilitation"),
    _s("spinal-cord-injury-medicine", "Spinal cord injury medicine", "ABPMR",
       parent="physical-medicine-rehabilitation"),
    # Radiology's, dermatology's and pathology's subspecialties.
    _s("neuroradiology", "Neuroradiology", "ABR", parent="diagnostic-radiology"),
    _s("pediatric-radiology", "Pediatric radiology", "ABR", "Paediatric radiology",
       parent="diagnostic-radiology"),
    _s("dermatopathology", "Dermatopathology", "ABD ABPath", parent="dermatology"),
    _s("pediatric-dermatology", "Pediatric dermatology", "ABD", "Paediatric dermatology",
       parent="dermatology"),
    _s("micrographic-dermatologic-surgery", "Micrographic dermatologic surgery", "ABD",
       "Mohs surgery", parent="dermatology"),
    _s("cytopathology", "Cytopathology", "ABPath", parent=PATH),
    _s("forensic-pathology", "Forensic pathology", "ABPath", "Forensic medicine", parent=PATH),
    _s("hematopathology", "Hematopathology", "ABPath", "Haematopathology", parent=PATH),
    _s("neuropathology", "Neuropathology", "ABPath", parent=PATH),
    _s("pediatric-pathology", "Pediatric pathology", "ABPath", parent=PATH),
    _s("transfusion-medicine", "Blood banking and transfusion medicine", "ABPath",
       "Transfusion medicine", "Blood banking", parent=PATH),
    _s("molecular-genetic-pathology", "Molecular genetic pathology", "ABPath ABMGG",
       "Molecular pathology", parent=PATH),
)
# fmt: on
SPECIALTIES: Final[dict[str, Specialty]] = {s.slug: s for s in _LIST}
SUGGEST_AT: Final = 60  # rapidfuzz score (0-100) from which a name is offered as "did you mean"
SUGGEST_WITHIN: Final = 10  # ... and no further than this below the best match
LONGEST: Final = 120  # characters: past any specialty's name (strict.SpecialtyId's max_length)
# Abbreviations (ENT, IM, REI) match only as typed: close to any short word, they would
# be offered for everything.
FUZZY_MIN_LETTERS: Final = 5


class UnknownSpecialtyError(ValueError):
    """A name that is no specialty of the list; the message names the nearest matches."""


def normal(text: str) -> str:
    """A name as compared: ASCII, lower case, "&" as "and", punctuation and dashes as
    spaces, spaces collapsed ("Obstetrics & Gynaecology" -> "obstetrics and gynaecology")."""
    text = anyascii(text).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _index() -> dict[str, str]:
    out: dict[str, str] = {}
    for s in _LIST:
        for name in (s.slug, *s.names):
            out.setdefault(normal(name), s.slug)
    return out


_BY_NAME: Final = _index()
_FUZZY: Final = [n for n in _BY_NAME if len(n.replace(" ", "")) >= FUZZY_MIN_LETTERS]


def lookup(text: str) -> Specialty | None:
    """The specialty ``text`` names (a slug, a name, a certificate's, another spelling)."""
    found = _BY_NAME.get(normal(text))
    return SPECIALTIES[found] if found else None


def nearest(text: str, limit: int = 3) -> list[Specialty]:
    """The specialties whose names come closest to ``text``, best first."""
    # Here, not at the top: only a name that is no specialty needs it (start-up, #28).
    from rapidfuzz import fuzz, process

    key = normal(text)
    if len(key.replace(" ", "")) < 3:
        return []
    out: list[Specialty] = []
    matches = process.extract(key, _FUZZY, scorer=fuzz.WRatio, limit=limit * 6)
    best = matches[0][1] if matches else 0
    for name, score, _ in matches:
        s = SPECIALTIES[_BY_NAME[name]]
        if score >= max(SUGGEST_AT, best - SUGGEST_WITHIN) and s not in out:
            out.append(s)
    return out[:limit]


def unknown_message(text: str, *, slugs: bool = True) -> str:
    """Why ``text`` is refused, with the nearest matches (``slugs``: each with its slug,
    for a profile file; a form shows the names alone)."""
    near = nearest(text)
    if near:
        names = [f"{s.name} ({s.slug})" if slugs else s.name for s in near]
        hint = f"did you mean {' or '.join(names) if len(names) < 3 else ', '.join(names)}?"
    else:
        hint = "write it as the ABMS boards name it (Internal medicine, Cardiology)" + (
            ", or as a slug (internal-medicine)" if slugs else ""
        )
    return f"'{text}' is not a specialty Wayhome knows: {hint}"


def specialty_id(text: str, *, slugs: bool = True) -> str:
    """The slug of the specialty ``text`` names; :class:`UnknownSpecialtyError` else."""
    if len(text) > LONGEST:
        # Matched against every name, a page-long text took seconds (a form's field, the
        # check as you type): no specialty's name is that long.
        raise UnknownSpecialtyError(
            f"'{text[:40]}…' is not a specialty Wayhome knows: it is {len(text):,} "
            "characters long, and a specialty's name is a few words"
        )
    found = lookup(text)
    if found is None:
        raise UnknownSpecialtyError(unknown_message(text, slugs=slugs))
    return found.slug


def name_of(slug: str) -> str:
    """The specialty's name as physicians write it (the slug, for one not in the list)."""
    found = SPECIALTIES.get(slug)
    return found.name if found else slug
