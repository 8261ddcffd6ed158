"""Does what was found hold what the question asks for? A second signal beside similarity.

A question that asks for a figure — how many days, what percentage, how many rupiah — is answered
only by a passage that states such a figure. Retrieval finds the pasal on the right topic either way
(the Majelis Kode Etik's tasks, a Gakkumdu definition), and quoting it as the answer to "berapa hari"
would mislead. So when the question asks for a quantity and none of the best passages states one in
that unit, the assistant says the sources do not give it instead of answering.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# What the question asks for, by unit. Time covers deadlines and durations ("berapa lama",
# "batas waktunya berapa hari", "paling lambat kapan").
# "brp" is how chat writes "berapa", and the regions say it their way (Minang "barapo", Malay "berape", Sundanese
# "sabaraha", Javanese "pira"/"piro"/"pinten", eastern "brapa"); "berapa jumlah …" asks a count as
# "jumlah … berapa" does.
_HM = r"(?:berapa(?:kah)?|brapa|brpa|brp|berapo|barapo|barapa|berape|sabaraha|pira|piro|pinten)"
_ASKS = {
    # a calendar date ("tanggal berapa persisnya hari pemungutan suara?"), not a month or a period: first, as
    # "berapa … hari" would read it as a duration
    "tanggal": re.compile(rf"\b(?:tanggal|tgl)\s+{_HM}\b|\b(?:tanggal|tgl)\b[^?.!]{{0,30}}\b(?:persis|tepat)\w*",
                          re.IGNORECASE),
    "waktu": re.compile(
        rf"\b{_HM}\s+(?:lama|hari|minggu|bulan|tahun)\b|\b(?:batas waktu|tenggat|jangka waktu|paling lama|"
        rf"paling lambat|maksimal|maks)\w*\b[^?.!]{{0,40}}\b{_HM}\b|\b{_HM}\b[^?.!]{{0,20}}\b(?:hari|bulan|tahun)\b",
        re.IGNORECASE),
    "persen": re.compile(rf"\b{_HM}\s+(?:persen|%)|\bpersen(?:tase|nya)?\s+{_HM}\b", re.IGNORECASE),
    # rupiah asked by name ("tukin sy brp rupiah sebulan?"): a share of pay is no answer to it
    "rupiah": re.compile(rf"\b{_HM}\s+(?:rupiah|rp)\b|\b(?:rp|rupiah|nominal)\w*\s+{_HM}\b", re.IGNORECASE),
    # pay asked as an amount ("honor saksi itu brp sih?", "berapa gaji pokok …?"): the law here states none
    "uang": re.compile(rf"\b{_HM}\s+(?:rupiah|rp|duit|uang)\b|\b(?:besaran|nominal|denda)\w*\b[^?.!]{{0,40}}\b{_HM}\b|"
                       rf"\b(?:honor|honorarium|gaji|tunjangan|tukin|insentif|upah|bayaran)\w*\b[^?.!]{{0,60}}\b{_HM}\b|"
                       rf"\b{_HM}\s+(?:sih\s+)?(?:besaran\s+)?(?:honor|gaji|tunjangan|tukin|insentif|upah)",
                       re.IGNORECASE),
    # a count or a score ("dapat nilai berapa?", "berapa di antaranya?", "berapa kasus?", "berapa jumlah ASN …?",
    # "berapa ASN yang dijatuhi sanksi …?")
    "angka": re.compile(rf"\b(?:nilai|skor|indeks|peringkat|ranking)\w*\s+(?:\w+\s+)?{_HM}\b|"
                        rf"\b{_HM}\s+(?:di\s+antaranya|(?:banyak\s+)?(?:kasus|laporan|orang|ASN|PNS|pegawai)|nilai|skor|"
                        rf"jumlah)\b|"
                        rf"\bjumlah\w*\s+(?:\w+\s+){{0,3}}{_HM}\b", re.IGNORECASE),
}
_NUMBER = (r"(?:\d+|\(\s*[a-z ]+\s*\)|[a-z]+ (?:puluh|belas|ratus)(?: [a-z]+)?|"
           r"satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)")
_STATES = {
    # the number in words in brackets is enough when OCR damaged the digits ("I (satu) tahun", "t4 (empat belas)
    # hari kerja")
    "waktu": re.compile(rf"(?:\b{_NUMBER}\s*(?:\([^)]*\)\s*)?|\([a-z ]{{3,30}}\)\s*)(?:hari|minggu|bulan|tahun)\b",
                        re.IGNORECASE),
    "persen": re.compile(r"%|\bpersen\b", re.IGNORECASE),
    # … or as a share of pay ("uang pemberhentian sementara sebesar 50% (lima puluh persen) dari penghasilan")
    "rupiah": re.compile(r"\bRp\.?\s*\d|\brupiah\b", re.IGNORECASE),
    "uang": re.compile(r"\bRp\.?\s*\d|\brupiah\b|(?:%|\bpersen\b)\s*(?:\([^)]*\)\s*)?(?:dari\s+)?"
                       r"(?:penghasilan|gaji|tunjangan)", re.IGNORECASE),
    "angka": re.compile(r"\d"),
    "tanggal": re.compile(r"\b\d{1,2}\s+(?:\([a-z ]+\)\s+)?(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|"
                          r"September|Oktober|November|Desember)\b", re.IGNORECASE),
}


# "… di Provinsi Papua Pegunungan …", "di Kab. Puncak", "di Sumatera Utara": a capitalised place after "di" or
# an administrative title; "Provinsi"/"Kabupaten" themselves are not the name
_PLACE_RE = re.compile(
    r"\b(?:di|dari|se)\s+(?:(?:Provinsi|Prov\.?|Kabupaten|Kab\.?|Kota|Pemkab|Pemprov|Pemkot|Kecamatan|Kec\.?)\s+)?"
    r"((?!(?:Provinsi|Kabupaten|Kota|Pemkab|Pemprov|Pemkot|Kecamatan)\b)[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*)")


def asked_places(question: str) -> list[str]:
    """The places named in the sentence that asks for a figure ("Berapa jumlah ASN di Sumatera Utara …?"):
    a figure about a place is answered only by a passage about that place. The story told in another
    sentence ("sy kades di Kab. Bone. … brp ancamannya?") is not what the figure is about."""
    unit = asked_quantity(question)
    if unit is None:
        return []
    pattern = _ASKS[unit]
    return [m.group(1) for sentence in re.split(r"(?<=[.?!])\s+|\n+", question) if pattern.search(sentence)
            for m in _PLACE_RE.finditer(sentence)]


def asked_quantity(question: str) -> str | None:
    """The unit of the figure the question asks for ("waktu", "persen", "uang", "tanggal"), or None."""
    return next((unit for unit, pattern in _ASKS.items() if pattern.search(question)), None)


# Sentences and list items end in "." or ";"; a line break (OCR, layout) does not end one.
_SENTENCE = re.compile(r"[^.;]+(?:[.;]|$)")


def states_quantity(unit: str, texts: Iterable[str], about: Callable[[str], bool] | None = None) -> bool:
    """Does any of these passages state a figure in that unit — in a sentence that is `about` the
    question (shares its rarest words), when `about` is given? A deadline for summoning a witness
    is not the deadline the question asked about."""
    pattern = _STATES[unit]
    for text in texts:
        for sentence in _SENTENCE.findall(text):
            if pattern.search(sentence) and (about is None or about(sentence)):
                return True
    return False


def figure_pattern(question: str) -> re.Pattern[str] | None:
    """How a passage states the figure the question asks for, or None when it asks for none."""
    unit = asked_quantity(question)
    return _STATES[unit] if unit else None
