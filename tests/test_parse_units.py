"""The parser's general mechanisms on small pages made here (not fitted to any fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rolefit.errors import BadInput, NotAPosting
from rolefit.ingest.decode import decode
from rolefit.parse import parse_page
from rolefit.parse.blocks import html_to_blocks
from rolefit.parse.sections import heading_kind
from rolefit.parse.structured import loads_lenient
from rolefit.types import Page

DUTIES = "".join(
    f"<li>Build and maintain data pipeline number {i} in Airflow and dbt for analysts.</li>" for i in range(8)
)
REQS = "".join(f"<li>{i}+ years of experience with Python, SQL and cloud warehouses.</li>" for i in range(1, 6))


def page(body: str, head: str = "") -> Page:
    return Page(f"<html><head>{head}</head><body>{body}</body></html>".encode(), "test.html")


def jsonld(obj) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def test_jsonld_lenient_trailing_commas_control_chars_and_graph():
    desc = f"<h3>What you will do</h3><ul>{DUTIES}</ul><h3>Requirements</h3><ul>{REQS}</ul>"
    raw = json.dumps(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "name": "x"},
                {
                    "@type": "JobPosting",
                    "title": "Data Engineer",
                    "description": desc,
                    "hiringOrganization": {"@type": "Organization", "name": "Acme"},
                    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Berlin", "addressCountry": "DE"}},
                    "employmentType": "FULL_TIME",
                    "datePosted": "2025-01-02T10:00:00Z",
                    "baseSalary": {
                        "currency": "EUR",
                        "value": {"minValue": 60000, "maxValue": 80000, "unitText": "YEAR"},
                    },
                },
            ],
        }
    )
    broken = raw[:-2] + ",]}"  # trailing comma
    broken = broken.replace("Data Engineer", "Data\tEngineer", 1).replace("\\t", "\t")
    p = parse_page(page("<h1>Something else</h1>", jsonld(broken)))
    assert p.title.split() == ["Data", "Engineer"]
    assert p.company == "Acme" and p.locations == ["Berlin, DE"]
    assert p.employment_type == "full-time" and p.date_posted == "2025-01-02"
    assert p.salary.minimum == 60000 and p.salary.currency == "EUR" and p.salary.period == "year"
    assert p.provenance["title"] == "jsonld"
    kinds = [s.kind for s in p.sections]
    assert kinds == ["responsibilities", "requirements"]


def test_html_escaped_jsonld_description():
    desc = (
        "&lt;p&gt;&lt;b&gt;Responsibilities&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;"
        + DUTIES.replace("<", "&lt;").replace(">", "&gt;")
        + "&lt;/ul&gt;"
    )
    obj = json.dumps({"@type": "JobPosting", "title": "Analyst", "description": desc, "hiringOrganization": "Beta"})
    p = parse_page(page("", jsonld(obj)))
    assert p.sections[0].heading == "Responsibilities"
    assert "- Build and maintain" in p.description


def test_embedded_next_data_only_page():
    state = {
        "props": {
            "pageProps": {
                "job": {
                    "title": "ML Engineer",
                    "companyName": "Gamma",
                    "location": "Remote",
                    "descriptionHtml": f"<ul>{DUTIES}</ul>",
                }
            }
        }
    }
    head = f'<title>Gamma</title><script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    p = parse_page(page('<div id="__next"></div>', head))
    assert (p.title, p.company, p.locations, p.workplace) == ("ML Engineer", "Gamma", ["Remote"], "remote")
    assert p.provenance["title"] == "embedded_state"


def test_window_initial_state():
    state = {
        "jobPosting": {
            "title": "Data Analyst",
            "company": "Delta",
            "description": "<p>" + "Analyse sales data for leadership. " * 20 + "</p>",
            "location": "Paris",
        }
    }
    head = f"<script>window.__INITIAL_STATE__ = {json.dumps(state)};</script>"
    p = parse_page(page("<div id=app></div>", head))
    assert (p.title, p.company) == ("Data Analyst", "Delta")


def test_microdata_posting():
    body = (
        f'<div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">BI Developer</h1>'
        f'<span itemprop="hiringOrganization">Epsilon</span><span itemprop="jobLocation">Oslo</span>'
        f'<div itemprop="description"><h2>Your tasks</h2><ul>{DUTIES}</ul></div></div>'
    )
    p = parse_page(page(body))
    assert (p.title, p.company, p.locations) == ("BI Developer", "Epsilon", ["Oslo"])
    assert p.provenance["company"] == "microdata"


def test_generic_careers_page_with_meta_title():
    body = (
        f"<nav><a href='/'>Home</a></nav><main><h1>Data Scientist</h1><p>Zeta is hiring.</p>"
        f"<h2>What you'll do</h2><ul>{DUTIES}</ul><h2>What you bring</h2><ul>{REQS}</ul></main>"
    )
    p = parse_page(
        page(body, '<title>Data Scientist – Zeta</title><meta property="og:title" content="Data Scientist – Zeta">')
    )
    assert p.title == "Data Scientist" and p.company == "Zeta"
    assert [s.kind for s in p.sections if s.heading] == ["responsibilities", "requirements"]


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("What you'll be doing", "responsibilities"),
        ("Your mission", "responsibilities"),
        ("Vos missions", "responsibilities"),
        ("Ihre Aufgaben", "responsibilities"),
        ("Minimum qualifications", "requirements"),
        ("Who you are", "requirements"),
        ("Was du mitbringst", "requirements"),
        ("Preferred qualifications", "preferred"),
        ("Bonus points", "preferred"),
        ("Nice to have", "preferred"),
        ("What we offer", "benefits"),
        ("Wir bieten", "benefits"),
        ("Perks", "benefits"),
        ("About us", "about"),
        ("About the role", "responsibilities"),
        ("About you", "requirements"),
        ("Sign-on bonus", "benefits"),
        ("Requisitos", "requirements"),
        ("Nabízíme", "benefits"),
        ("Responsabilidades", "responsibilities"),
        ("Lo que harás", "responsibilities"),
        ("Das bringst du mit", "requirements"),
    ],
)
def test_heading_kinds_across_wordings_and_languages(heading, kind):
    assert heading_kind(heading) == kind


def test_bold_paragraph_and_br_headings_become_headings():
    blocks = html_to_blocks(
        "<p><b>ABOUT US</b><br>We make things.</p><p><strong>Responsibilities:</strong></p><ul><li>Do x</li></ul>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("h", "ABOUT US"),
        ("p", "We make things."),
        ("h", "Responsibilities:"),
        ("li", "Do x"),
    ]


def test_bullets_are_kept_in_text():
    p = parse_page(
        page(
            f"<main><h1>Data Engineer</h1><h2>Responsibilities</h2><ul>{DUTIES}</ul></main>",
            "<title>Data Engineer at Acme</title>",
        )
    )
    assert p.description.count("\n- ") >= 7


def test_encoding_detected_from_meta_and_bytes():
    text = "<html><head><meta charset='windows-1250'><title>Vývojář – Firma</title></head><body><p>Příliš žluťoučký kůň</p></body></html>"
    data = text.encode("cp1250")
    decoded, enc = decode(data)
    assert "žluťoučký" in decoded and enc in ("cp1250", "windows-1250")
    latin = "Déjà vu, café, naïve résumé - élève".encode("latin-1")
    assert "café" in decode(latin)[0]
    assert decode("\ufeffhello".encode("utf-8"))[0] == "hello"


def test_loads_lenient_gives_none_for_garbage():
    assert loads_lenient("{not json at all") is None
    assert loads_lenient('{"a": 1,}') == {"a": 1}


@pytest.mark.parametrize(
    "body,kind",
    [
        ("<h1>Just a moment...</h1><p>Verify you are human by completing the action below.</p>", "bot_challenge"),
        ("<h1>Sign in</h1><form><input type=email><input type=password></form>", "login_wall"),
        ("<h1>503 Service Unavailable</h1><p>The server is temporarily unavailable.</p>", "other"),
        ("<h1>Our blog</h1><p>Nothing here.</p>", "other"),
    ],
)
def test_refusals_on_made_pages(body, kind):
    with pytest.raises(NotAPosting) as e:
        parse_page(page(body))
    assert e.value.kind == kind


def test_search_results_page_is_refused():
    items = "".join(
        f"<li><a href='/jobs/{i}'>Data Engineer {i}</a> <a href='/company/c{i}'>Company {i}</a></li>" for i in range(30)
    )
    with pytest.raises(NotAPosting) as e:
        parse_page(
            page(
                f"<h1>Data engineer jobs in Berlin</h1><p>1,234 results</p><ul>{items}</ul>",
                "<title>Data engineer jobs in Berlin</title>",
            )
        )
    assert e.value.kind == "search_results"


def test_posting_beside_a_similar_jobs_sidebar_is_a_posting():
    """No structured data; twenty job links in a sidebar; a main text with its own headings."""
    sidebar = "".join(f"<li><a href='/jobs/{i}'>Data Engineer {i}</a></li>" for i in range(20))
    duties = "".join(f"<li>Build and run the data pipelines of team {i} with Airflow and dbt</li>" for i in range(8))
    reqs = "".join(f"<li>Experience with SQL, Python and data modelling, level {i}</li>" for i in range(8))
    body = (
        f"<main><article><h1>Data Engineer</h1><p>{'We move data for a living and like it. ' * 8}</p>"
        f"<h2>Responsibilities</h2><ul>{duties}</ul><h2>Requirements</h2><ul>{reqs}</ul></article></main>"
        f"<aside><h3>Similar jobs</h3><ul>{sidebar}</ul></aside>"
    )
    posting = parse_page(page(body, "<title>Data Engineer</title>"))
    assert posting.title == "Data Engineer"
    assert [s.kind for s in posting.sections if s.heading] == ["responsibilities", "requirements"]


def test_description_and_requirements_in_sibling_boxes_are_both_kept():
    """No structured data; the posting's parts sit in sibling boxes, each under its own heading,
    beside a consent banner and a box of page furniture: both parts are read, neither of the
    others is."""
    intro = "<p>" + "Theta builds tools that help small farms sell their harvest directly. " * 6 + "</p>"
    duties = "".join(f"<li>Build and run the data pipelines of team {i} with Airflow and dbt</li>" for i in range(5))
    reqs = "".join(f"<li>Solid experience with SQL, Python and data modelling at level {i}</li>" for i in range(12))
    furniture = "<div><p>" + "Share this job with a friend, print it or save it for later. " * 6 + "</p></div>"
    banner = (
        "<div><h3>Essential cookies</h3><p>"
        + "We use cookies to make this site work and to measure it. " * 6
        + "</p></div>"
    )
    body = (
        f"<h1>Data Engineer</h1><div><div>{furniture}<h2>Job description</h2><div><div>{intro}"
        f"<strong>What you will do</strong><ul>{duties}</ul></div></div>"
        f"<h2>Job requirements</h2><div><div><strong>Who you are</strong><ul>{reqs}</ul>"
        f"<strong>Nice to have</strong><ul>{reqs}</ul><strong>What we offer</strong><ul>{reqs}</ul></div></div>"
        f"{banner}</div></div>"
    )
    posting = parse_page(page(body, "<title>Data Engineer - Theta</title>"))
    kinds = [s.kind for s in posting.sections if s.heading]
    assert kinds[0] == "responsibilities" and kinds[-3:] == ["requirements", "preferred", "benefits"], kinds
    assert "small farms" in posting.description and "cookies" not in posting.description
    assert "print it" not in posting.description


def test_short_page_in_another_language_with_named_parts_is_a_posting():
    """No structured data, about fifty words, German: the headings that name its parts make it a posting."""
    body = (
        "<main><h1>Data Engineer (m/w/d)</h1><p>Berlin · Vollzeit</p><h2>Deine Aufgaben</h2><ul>"
        "<li>Du baust und betreibst unsere Datenpipelines mit Airflow, dbt und Snowflake</li>"
        "<li>Du modellierst Daten für unser Data Warehouse und sorgst für Datenqualität</li></ul>"
        "<h2>Dein Profil</h2><ul><li>Mehrjährige Praxis mit Python und SQL</li>"
        "<li>Sicher im Umgang mit AWS oder GCP</li></ul><h2>Wir bieten</h2><ul><li>30 Tage Urlaub</li></ul></main>"
    )
    p = parse_page(page(body, "<title>Data Engineer (m/w/d) – Beispiel GmbH</title>"))
    assert p.title == "Data Engineer (m/w/d)" and p.company == "Beispiel GmbH"
    assert [s.kind for s in p.sections if s.heading] == ["responsibilities", "requirements", "benefits"]


def test_lever_page_keeps_its_list_sections():
    """Lever sets the description and each list in sibling sections of one wrapper."""
    body = (
        "<div class='content-wrapper posting-page'><div class='posting-headline'><h2>Data Engineer</h2>"
        "<div class='posting-categories'><div class='posting-category location'>Berlin</div>"
        "<div class='posting-category commitment'>Full-time</div></div></div>"
        "<div class='section-wrapper page-full-width'>"
        "<div class='section page-centered' data-qa='job-description'><div>"
        + "Acme helps farms sell directly to restaurants. "
        * 6
        + f"</div></div><div class='section page-centered'><h3>What you'll do</h3><ul>{DUTIES}</ul></div>"
        f"<div class='section page-centered'><h3>What you'll need</h3><ul>{REQS}</ul></div>"
        "<div class='section page-centered last-section-apply'><a href='/apply'>Apply for this job</a></div>"
        "</div></div>"
    )
    p = parse_page(page(body, "<title>Acme Corp - Data Engineer</title>"))
    assert p.provenance["description"] == "adapter:lever"
    assert [s.kind for s in p.sections if s.heading] == ["responsibilities", "requirements"]
    assert p.company == "Acme Corp" and p.locations == ["Berlin"] and p.employment_type == "full-time"


RESUME = (
    "# Jane Doe\njane@example.com · +49 151 2345 6789 · Berlin\n\n## Experience\n"
    "**Data Analyst, Zalando** (2021–2024)\n- Built weekly KPI dashboards in Looker for category managers\n"
    "- Wrote SQL and Python to analyse A/B tests\n\n**Junior BI Developer, Otto** (2019–2021)\n"
    "- Maintained the Power BI model and its DAX measures\n\n## Education\nMSc Statistics, 2017-2019\n\n"
    "## Skills\nPython, R, SQL, dbt, Git, Docker, statistics, machine learning, team work\n"
)
ARTICLE = (
    "# Why data engineering salaries are rising in 2026\n\nLast year we looked at 10,000 job ads for data "
    "engineers. The median salary rose 8%, and the share of ads asking for dbt doubled.\n\n## The analytics stack"
    "\nCompanies moved their warehouses to the cloud and hired analytics engineers. Experience with dbt and "
    "Airflow is now a common ask, and people who have it earn more.\n"
)


@pytest.mark.parametrize("text,word", [(RESUME, "resume"), (ARTICLE, "article")], ids=["resume", "article"])
def test_a_resume_or_an_article_about_jobs_is_not_a_posting(text, word):
    from rolefit.parse import parse_text

    with pytest.raises(NotAPosting) as e:
        parse_text(text, "x.md")
    assert word in e.value.message
    title = text.splitlines()[0].lstrip("# ")
    body = "".join(f"<p>{line}</p>" for line in text.splitlines()[1:] if line.strip())
    with pytest.raises(NotAPosting):
        parse_page(page(f"<main><h1>{title}</h1>{body}</main>", f"<title>{title}</title>"))


def test_a_terse_recruiter_note_is_still_a_posting():
    from rolefit.parse import parse_text

    note = (
        "Associate Data Analyst\n\nYou will compile data sets from several sources, carry out data analysis and "
        "deliver accurate outputs to support business needs. You will work with SQL and Excel every day and "
        "report to the head of operations in Leeds.\n"
    )
    assert parse_text(note, "x.txt").title == "Associate Data Analyst"


def test_careers_index_is_refused():
    items = "".join(f"<li><a href='/careers/{i}'>Senior Analyst {i}</a> Remote</li>" for i in range(20))
    with pytest.raises(NotAPosting) as e:
        parse_page(page(f"<h1>Open positions</h1><ul>{items}</ul>", "<title>Careers at Eta</title>"))
    assert e.value.kind == "careers_index"


def test_plain_text_and_markdown_postings():
    md = (
        "# Data Engineer\n\n## What you'll do\n"
        + "\n".join(f"- Build pipeline {i} with Spark and Airflow" for i in range(8))
        + "\n\n## Requirements\n- 3+ years of SQL\n"
    )
    p = parse_page(Page(md.encode(), "x.md"))
    assert p.title == "Data Engineer"
    assert [s.kind for s in p.sections] == ["responsibilities", "requirements"]
    txt = "Senior Analyst\n\nIn this role you will analyse data for leadership and present insights to the team. " * 3
    assert parse_page(Page(txt.encode(), "x.txt")).title == "Senior Analyst"


@pytest.mark.parametrize(
    "text",
    [
        "Data Engineer (m/w/d)\n\nDeine Aufgaben\n- Du baust Datenpipelines mit Airflow und dbt für unser Team in Berlin\n"
        "- Du modellierst Daten für das Data Warehouse und sorgst für Datenqualität\n\nDein Profil\n"
        "- Mehrjährige Praxis mit Python und SQL\n- Sicher im Umgang mit AWS oder GCP\n",
        "Ingeniero de datos\n\nResponsabilidades\n- Construir y mantener los flujos de datos con Airflow y dbt\n"
        "- Modelar los datos del almacén y cuidar su calidad cada día\n\nLo que buscamos\n"
        "- Dominio de Python y SQL en producción\n- Manejo de AWS o GCP en entornos reales\n",
    ],
    ids=["de", "es"],
)
def test_plain_text_posting_in_another_language_is_read(text):
    """The job-ad words are English; headings that name a posting's parts are read in many
    languages, so a German or Spanish text posting is a posting."""
    from rolefit.parse import parse_text

    p = parse_text(text, "x.txt")
    kinds = [s.kind for s in p.sections if s.heading]
    assert kinds[0] == "responsibilities" and "requirements" in kinds, kinds


@pytest.mark.parametrize(
    "first_line,title,company,location",
    [
        ("Senior ML Engineer | Acme Robotics | Remote (EU)", "Senior ML Engineer", "Acme Robotics", "Remote (EU)"),
        ("Data Engineer at Vercel", "Data Engineer", "Vercel", None),
        ("Head of Data · Berlin, Germany", "Head of Data", None, "Berlin, Germany"),
        ("Senior Analyst - Payments", "Senior Analyst - Payments", None, None),
        ("Data Engineer (m/w/d)", "Data Engineer (m/w/d)", None, None),
        ("Data Engineer | Full-time | Oslo, Norway", "Data Engineer", None, "Oslo, Norway"),
    ],
)
def test_plain_text_first_line_packing_company_and_place(first_line, title, company, location):
    from rolefit.parse import parse_text

    body = (
        "\n\nResponsibilities\n- Build and run the data pipelines with Airflow and dbt for the finance analysts\n"
        "- Keep the warehouse tidy and documented with clear data models every week\n\n"
        "Requirements\n- 3+ years of experience with SQL and Python\n"
    )
    p = parse_text(first_line + body, "x.md")
    assert (p.title, p.company, p.locations[0] if p.locations else None) == (title, company, location)


@pytest.mark.parametrize(
    "byline,company,location",
    [
        ("**Acme Robotics** · Dublin, Ireland (Hybrid)", "Acme Robotics", "Dublin, Ireland (Hybrid)"),
        ("Engineering · Full-time · Remote (EU)", None, "Remote (EU)"),  # a team is not the employer
        ("We build the data platform | you make it sing.", None, None),  # a sentence, not a byline
    ],
)
def test_plain_text_byline_under_the_title(byline, company, location):
    """Markdown postings often put "Company · Place" on the line under the title."""
    from rolefit.parse import parse_text

    body = (
        "\n\n## Responsibilities\n- Build and run the data pipelines with Airflow and dbt for the finance analysts\n"
        "- Keep the warehouse tidy and documented with clear data models every week\n\n"
        "## Requirements\n- 3+ years of experience with SQL and Python\n"
    )
    p = parse_text("# Data Engineer\n\n" + byline + body, "x.md")
    assert (p.title, p.company, p.locations[0] if p.locations else None) == ("Data Engineer", company, location)


def test_plain_text_header_label_lines_give_fields():
    text = (
        "Machine Learning Engineer\n\nCompany: Acme Analytics GmbH\nLocation: Berlin, Germany (Hybrid)\n"
        "Employment type: Full-time\n\nResponsibilities\n- Train and deploy ranking models in Python\n"
        "- Own the feature pipelines in Spark and Airflow\n- Monitor models in production and run A/B tests\n\n"
        "Requirements\n- Location: you must live in Austria\n- 3+ years building ML systems, strong SQL, "
        "experience with the team's tools and a wish to learn more about our business\n"
    )
    p = parse_page(Page(text.encode(), "p.txt", content_type="text/plain"))
    assert (p.company, p.locations, p.workplace, p.employment_type) == (
        "Acme Analytics GmbH",
        ["Berlin, Germany (Hybrid)"],
        "hybrid",
        "full-time",
    )
    assert p.provenance["company"] == "text"


def test_too_short_text_is_refused():
    with pytest.raises(NotAPosting):
        parse_page(Page(b"hello\nworld", "x.txt"))


def test_deeply_nested_html_does_not_crash():
    html = "<div>" * 5000 + "x" + "</div>" * 5000
    with pytest.raises((NotAPosting, BadInput)):
        parse_page(page(html))


@pytest.mark.parametrize(
    "page_title,h1,company",
    [
        ("Acme Corp - Data Engineer", "Data Engineer", "Acme Corp"),  # Lever's order
        ("Data Engineer - Acme Corp", "Data Engineer", "Acme Corp"),
        ("Data Engineer at Acme Corp | Careers", "Data Engineer", "Acme Corp"),
        ("Job Application for Data Engineer at Acme Corp", "Data Engineer", "Acme Corp"),
        ("Acme Corp hiring Data Engineer in Oslo, Norway | LinkedIn", "Data Engineer", "Acme Corp"),
        ("Data Engineer - Oslo - Indeed.com", "Data Engineer", None),
    ],
)
def test_company_from_page_title_either_side(page_title, h1, company):
    body = f"<main><h1>{h1}</h1><p class='location'>Oslo</p><h2>Responsibilities</h2><ul>{DUTIES}</ul></main>"
    p = parse_page(page(body, f"<title>{page_title}</title>"))
    assert p.title == h1 and p.company == company


def test_ashby_app_data_state():
    state = {
        "organization": {"name": "Theta"},
        "posting": {
            "title": "Applied Scientist",
            "locationName": "Berlin",
            "descriptionHtml": f"<h2>What you'll do</h2><ul>{DUTIES}</ul>",
            "employmentType": "FullTime",
        },
    }
    head = f"<title>Applied Scientist @ Theta</title><script>window.__appData = {json.dumps(state)};</script>"
    p = parse_page(page("<div id=root></div>", head))
    assert (p.title, p.company, p.locations) == ("Applied Scientist", "Theta", ["Berlin"])
    assert p.sections[0].kind == "responsibilities"


def test_an_article_page_is_not_a_posting():
    prose = "".join(
        f"<p>The river town {i} has old bridges, quiet streets and a market every Sunday morning.</p>"
        for i in range(20)
    )
    with pytest.raises(NotAPosting) as e:
        parse_page(
            page(f"<article><h1>A weekend in the river towns</h1>{prose}</article>", "<title>Travel notes</title>")
        )
    assert e.value.kind == "other"


def test_a_page_saved_as_mhtml_parses_as_its_html(tmp_path):
    """Chrome's "Webpage, Single File" (.mhtml): a MIME message whose HTML part is
    quoted-printable, beside styles and images. It gives the same posting as the page."""
    import gzip
    import quopri

    from rolefit.pipeline import load_posting

    page = Path(__file__).parent / "fixtures" / "pages" / "greenhouse-axon-senior-software-engineer-ii.html.gz"
    html = gzip.decompress(page.read_bytes())
    b = "----MultipartBoundary--x1----"
    mht = (
        f'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        f'\tboundary="{b}"\r\n\r\n\r\n--{b}\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable'
        f"\r\nContent-Location: https://example.com/job\r\n\r\n".encode()
        + quopri.encodestring(html).replace(b"\n", b"\r\n")
        + f"\r\n--{b}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--{b}--\r\n".encode()
    )
    (tmp_path / "job.mhtml").write_bytes(mht)
    a, m = load_posting(str(page)).to_dict(), load_posting(str(tmp_path / "job.mhtml")).to_dict()
    a.pop("source"), m.pop("source")
    assert m == a and m["title"] == "Senior Software Engineer II"


def test_a_folder_skips_the_assets_a_browser_saved_beside_a_page(tmp_path):
    """ "Webpage, Complete" saves job.html and job_files/ (frames, scripts): one posting, not
    one per frame. A folder named _files with no page beside it is read as any other."""
    from rolefit.ingest import expand_inputs

    (tmp_path / "job_files").mkdir()
    (tmp_path / "notes_files").mkdir()
    for name in ("job.html", "job_files/saved_resource.html", "notes_files/posting.md", "README.md"):
        (tmp_path / name).write_text("x")
    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / "job.html"), str(tmp_path / "notes_files/posting.md")]
