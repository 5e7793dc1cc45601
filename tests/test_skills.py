"""Skill extraction: alias normalisation, ambiguity rules, required/preferred tagging."""

from __future__ import annotations

import pytest

from rolefit.skills.extract import extract_text, get_extractor, requirement
from rolefit.skills.taxonomy import load_taxonomy


def names(text: str) -> set[str]:
    return {m.name for m in extract_text(text)}


@pytest.mark.parametrize(
    "alias,name",
    [
        ("k8s", "Kubernetes"),
        ("sklearn", "scikit-learn"),
        ("GCP", "Google Cloud"),
        ("Oracle Java", "Java"),
        ("PowerBI", "Power BI"),
        ("node.js", "Node.js"),
        ("Airflow", "Apache Airflow"),
        ("pyspark", "Apache Spark"),
        ("amazon-web-services", "Amazon Web Services"),
        ("Postgres", "PostgreSQL"),
        ("PowerPoint", "Microsoft PowerPoint"),  # O*NET's vendor-named products, as postings write them
        ("Photoshop", "Adobe Photoshop"),
        ("Atlassian JIRA", "Jira"),  # a source's name merged into another skill stays a spelling of it
    ],
)
def test_alias_normalisation(alias, name):
    assert load_taxonomy().lookup(alias).name == name


def test_aliases_found_in_text():
    found = names("You will deploy models on k8s and GCP, using sklearn and Airflow.")
    assert {"Kubernetes", "Google Cloud", "scikit-learn", "Apache Airflow"} <= found


def test_related_skills_are_linked():
    airflow = load_taxonomy().lookup("Airflow")
    assert load_taxonomy().lookup("Dagster").id in airflow.related


@pytest.mark.parametrize(
    "text,name,present",
    [
        ("Strong skills in Python, R and SQL.", "R", True),
        ("Statistical programming in R is required.", "R", True),
        ("Section R of the handbook covers holidays.", "R", False),
        ("Backend services written in Go and Python.", "Go", True),
        ("We go to conferences every year.", "Go", False),
        ("Embedded development in C and C++.", "C", True),
        ("Plan C is our fallback for holidays.", "C", False),
        ("Process big data with Spark and Hadoop.", "Apache Spark", True),
        ("You will spark joy in our customers.", "Apache Spark", False),
        # a context word counts in either number: "pipeline" as "pipelines"
        ("Own the feature pipeline in Spark.", "Apache Spark", True),
        ("Advanced Excel and SQL for reporting.", "Microsoft Excel", True),
        ("You excel at building relationships.", "Microsoft Excel", False),
        ("Build dashboards in Looker and Tableau.", "Looker", True),
        ("We are looker-ahead people who look forward.", "Looker", False),
        ("Systems programming in Rust and C++.", "Rust", True),
        ("Remove rust from the old pipes in the plant.", "Rust", False),
        ("iOS apps in Swift and Objective-C.", "Swift", True),
        ("We need a swift response to customer issues.", "Swift", False),
        ("Reports in Power BI for the finance team.", "Power BI", True),
        ("We give you the power to decide.", "Power BI", False),
        ("A Masters in Statistics or a related field.", "Master's degree", True),
        ("Bachelor's or Masters degree in Computer Science.", "Master's degree", True),
        ("Testers and scrum masters are part of these scrum teams.", "Master's degree", False),
        ("Run Spark jobs on EMR and S3.", "Amazon EMR", True),
        ("Update patient charts in the EMR system.", "Amazon EMR", False),
        ("Fine-tuning LLMs with LoRA and QLoRA.", "LoRA", True),
        ("Deploy LoRa sensors across the farm network.", "LoRA", False),
        ("Keep fine-tuning our onboarding process with the team.", "Fine-tuning", False),
        ("Distributed training with Ray and PyTorch.", "Ray", True),
        ("Ray Smith, our CTO, will be your manager.", "Ray", False),
        ("Ship Helm charts to Kubernetes with Argo CD.", "Helm", True),
        ("You will be at the helm of our sales team.", "Helm", False),
        ("Stream CDC events from Postgres with Debezium into Kafka.", "Change data capture", True),
        ("Follow CDC guidance on infection control in the ward.", "Change data capture", False),
        ("Transformer models for NLP in PyTorch.", "Transformer models", True),
        ("Maintain the electrical transformers of the substation.", "Transformer models", False),
        ("Document designs in Confluence and Jira.", "Atlassian Confluence", True),
        ("A happy confluence of art and science.", "Atlassian Confluence", False),
        ("A master’s degree in statistics.", "Master's degree", True),
    ],
)
def test_ambiguous_names_need_their_context(text, name, present):
    assert (name in names(text)) is present, (text, names(text))


def test_a_field_named_only_as_the_employers_business_is_not_a_skill():
    """Domain names the dictionary finds count where the posting asks for them, not where
    they describe the employer or a team it works with."""
    from rolefit.parse import parse_text
    from rolefit.skills.extract import extract_posting

    text = (
        "Data Analyst\n\nWhat you'll do\n- Partner with marketing, finance and operations on their questions\n"
        "- Build weekly dashboards in Tableau for the leadership team\n- Present findings to stakeholders\n\n"
        "Requirements\n- Experience in the healthcare industry\n- SQL and Python\n"
    )
    found = {m.name: m.requirement for m in extract_posting(parse_text(text, "x.txt"))}
    assert found.get("Healthcare") == "required" and "Financial services" not in found, found


@pytest.mark.parametrize(
    "section,sentence,expected",
    [
        ("requirements", "3+ years of Python", "required"),
        ("requirements", "Experience with Kafka is a plus", "preferred"),
        ("preferred", "Kafka", "preferred"),
        ("responsibilities", "You must know SQL", "required"),
        ("responsibilities", "Build pipelines in Airflow", "mentioned"),
        ("responsibilities", "Knowledge of statistics (e.g., hypothesis testing)", "required"),
        ("responsibilities", "- Strong understanding of Kubernetes", "required"),
        ("responsibilities", "Hands-on experience with dbt", "required"),
        ("responsibilities", "Improve the developer experience with Backstage", "mentioned"),
        ("responsibilities", "Share knowledge of Spark across the team", "mentioned"),
        ("requirements", "Knowledge of machine learning is excellent but not a core requirement.", "preferred"),
        ("requirements", "A degree is not required", "preferred"),
        (None, "Nice to have: dbt", "preferred"),
        (None, "Bonus if you know Terraform", "preferred"),
    ],
)
def test_requirement_tagging(section, sentence, expected):
    assert requirement(section, sentence) == expected


def test_posting_mentions_tagged_by_section():
    from rolefit.parse import parse_text
    from rolefit.skills.extract import extract_posting

    text = (
        "Data Engineer\n\nWhat you'll do\n- Build pipelines in Airflow and dbt for analysts in the finance team\n"
        "- Run Spark jobs on Databricks every night and keep them healthy\n- Talk to stakeholders about their data needs\n\n"
        "Requirements\n- Python and SQL\n- Experience with Snowflake\n\nNice to have\n- Kafka\n- Terraform\n"
    )
    posting = parse_text(text, "x.txt")
    req = {m.name: m.requirement for m in extract_posting(posting)}
    assert req.get("Python") == "required" and req.get("Snowflake") == "required"
    assert req.get("Apache Kafka") == "preferred" and req.get("Terraform") == "preferred"
    assert req.get("Apache Airflow") == "mentioned"
    for m in extract_posting(posting):
        assert posting.description[m.start : m.end] == m.text
        assert m.text in m.evidence


def test_text_file_mentions_are_tagged_by_their_sections(tmp_path):
    """`rolefit skills notes.txt`: offsets into the file as is; a requirements list asks for a
    field even without cue words; the about section is not read, as on a page."""
    from rolefit.ingest import read_page
    from rolefit.skills.extract import extract_page

    f = tmp_path / "job.txt"
    f.write_text(
        "Data Analyst\n\nAbout us\nWe build software for the healthcare sector.\n\nWhat you'll do\n"
        "- Build dashboards in Tableau for the finance team\n- Answer questions from sales with SQL\n\n"
        "Requirements\n- Banking\n- Python\n"
    )
    text, mentions = extract_page(read_page(str(f)))
    found = {m.name: m.requirement for m in mentions}
    assert found.get("Financial services") == "required" and found.get("Python") == "required"
    assert found.get("Tableau") == "mentioned" and "Healthcare" not in found
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_user_taxonomy_extension(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("skills:\n  - {name: Zorblax, category: tool, aliases: [zbx]}\n")
    ex = get_extractor(str(f), use_crf=False)
    assert "Zorblax" in {m.name for m in ex.mentions("We use ZBX daily and Zorblax weekly.")}


def test_word_vectors_place_words_by_their_company():
    from rolefit.skills.clusters import word_vectors

    texts = []
    for i in range(30):
        texts += [
            ["we", "write", "python" if i % 2 else "java", "code", "daily"],
            ["they", "eat", "apple" if i % 2 else "pear", "slices", "today"],
        ]
    vocab, x = word_vectors(texts, min_count=1, dims=6)
    v = dict(zip(vocab, x, strict=True))
    assert v["python"] @ v["java"] > 0.9
    assert v["python"] @ v["apple"] < 0.5


def test_crf_features_carry_the_word_cluster():
    from rolefit.skills.clusters import load_clusters

    ex = get_extractor()
    doc = ex.nlp.make_doc("Experience with DynamoDB and Redshift")
    from rolefit.skills.crf import doc_features

    feats = doc_features(doc, ex.dictionary_matches(doc), ex.tax)
    k = {f for f in feats[2] if f.startswith("k=")}
    assert k == {"k=" + load_clusters()["dynamodb"]}


def test_fast_tagger_decodes_exactly_like_crfsuite():
    from rolefit.parse import parse_page
    from rolefit.skills.crf import FastTagger, doc_features
    from rolefit.skills.extract import CRF_PATH
    from rolefit.types import Page
    from tests.conftest import golden_pages, page_bytes

    ex = get_extractor()
    fast = FastTagger(CRF_PATH, ex.tax)
    texts = [
        "",
        "Python",
        "Nice to have: Apache Kafka, dbt.",
        "Senior Java Developer (m/f/d) with Kubernetes focus",
        "You excel at building relationships; Excel and Power BI are a plus.",
    ]
    for g in golden_pages():
        if g["kind"] == "posting":
            texts.append(parse_page(Page(data=page_bytes(g["file"]), source=g["file"])).description)
    assert len(texts) > 20
    n_tags = 0
    for text in texts:
        doc = ex.nlp.make_doc(text)
        matches = ex.dictionary_matches(doc)
        expected = ex.tagger.tag(doc_features(doc, matches, ex.tax)) if len(doc) else []
        got = fast.tag(doc, matches)
        assert got == expected, text[:80]
        n_tags += sum(t != "O" for t in got)
    assert n_tags > 50  # the pages hold skills: the comparison is not all-O against all-O


def test_a_resume_keeps_the_fields_it_names(tmp_path):
    """A resume's "healthcare insurer" is the person's experience: the posting-side rule that
    drops fields no one asks for does not apply to resumes."""
    from rolefit.profile import profile_from_resume

    cv = tmp_path / "cv.md"
    cv.write_text(
        "# John\n\n## Experience\n- Analysed claims data for a healthcare insurer\n\n## Skills\nPython, SQL\n"
    )
    names = {s.name for s in profile_from_resume(cv).skills}
    assert {"Healthcare", "Python", "SQL"} <= names


def test_vendor_is_dropped_only_when_what_is_left_is_not_a_word():
    from rolefit.skills.build import _vendorless

    english = {"word", "teams", "analytics"}
    assert _vendorless("Microsoft PowerPoint", english) == ["PowerPoint"]
    assert _vendorless("Microsoft Word", english) == [] and _vendorless("Google Analytics", english) == []
    assert _vendorless("Microsoft Visual Studio", english) == ["Visual Studio"]


@pytest.mark.parametrize(
    "text,groups",
    [
        ("Experience with XGBoost or LightGBM.", [{"XGBoost", "LightGBM"}]),
        ("Python, R, or Julia for statistics.", [{"Python", "R", "Julia"}]),
        ("Tableau and/or Looker for dashboards.", [{"Tableau", "Looker"}]),
        ("Python (or Scala) for Spark jobs.", [{"Python", "Scala"}]),
        ("Python, R and SQL every day.", []),  # "and" asks for each
        ("Strong SQL/Python skills.", []),  # a slash asks for both as often as for either
        ("Docker, Kubernetes, Helm.", []),
        ("Python or Scala. Airflow or Dagster.", [{"Python", "Scala"}, {"Apache Airflow", "Dagster"}]),
    ],
)
def test_skills_offered_as_alternatives(text, groups):
    from rolefit.skills.extract import extract_text

    ms = extract_text(text)
    by_id = {m.id: m.name for m in ms}
    found = {frozenset([m.name, *(by_id[a] for a in m.alternatives)]) for m in ms if m.alternatives}
    assert found == {frozenset(g) for g in groups}, [(m.name, m.alternatives) for m in ms]


def test_display_names_follow_how_postings_spell_them():
    """Lower-case source names (Stack Overflow tags, ESCO labels) are shown as postings write
    them; a word capitalised only inside other names' phrases stays lower case."""
    from rolefit.skills.build import _display_casing
    from rolefit.skills.taxonomy import Skill

    skills = [
        Skill(id=n.replace(" ", "-"), name=n, category="technology", sources=["stackoverflow"])
        for n in ("dax", "jenkins", "ggplot2", "jquery mobile", "directory services", "data science")
    ]
    texts = ["Measures in DAX and Power BI. Jenkins pipelines. Plots with ggplot2. jQuery and Active Directory."] * 6
    _display_casing(skills, texts)
    assert [s.name for s in skills] == [
        "DAX",
        "Jenkins",
        "ggplot2",
        "jQuery mobile",
        "Directory services",
        "Data science",
    ]


@pytest.mark.parametrize(
    "sentence,years",
    [
        ("3+ years of experience with SQL and Python", 3),
        ("At least five years building data pipelines in Spark", 5),
        ("2-4 years in analytics with R", 2),
        ("Python; 2 years of SQL and 5 years of Java", None),  # which figure is whose: not said
        ("Strong SQL skills", None),
        ("We have grown for 150 years with Python", None),
    ],
)
def test_years_a_sentence_asks_for(sentence, years):
    from rolefit.skills.extract import years_asked

    assert years_asked(sentence) == years


def test_a_span_across_a_comma_is_two_skills():
    """The CRF may run one span over a list ("A/B tests, and multivariate testing"); a skill
    never holds a comma, so each part is a mention of its own."""
    from rolefit.skills.extract import extract_text

    ms = extract_text("Design A/B tests, and multivariate testing for the growth team.")
    assert all("," not in m.text and not m.text.startswith("and ") for m in ms), [m.text for m in ms]
    assert "A/B testing" in {m.name for m in ms}


def test_ordinary_words_from_the_sources_do_not_name_skills():
    """Stack Overflow synonyms and ESCO labels include ordinary words ("for" -> For loop, "span"
    -> HTML, "market" -> Google Play, "IT" -> Computer technology): the dictionary must not find
    a skill in every sentence. Curated aliases of that kind keep their ambiguity rules."""
    ex = get_extractor()
    doc = ex.nlp.make_doc(
        "We are looking for a data engineer while you try to switch to our market; it spans the office."
    )
    assert ex.dictionary_matches(doc) == []
    assert "REST APIs" in names("Build RESTful services with Maven.") and "Apache Maven" in names("Java and Maven.")
    assert "Apache Maven" not in names("She is a data maven.")


def test_a_degree_or_language_the_posting_does_not_ask_for_is_not_a_skill():
    from rolefit.parse import parse_text
    from rolefit.skills.extract import extract_posting

    text = (
        "Postdoc in Machine Learning\n\nResponsibilities\n- Co-supervise PhD students in the lab every term\n"
        "- Send your application in English through our portal with the documents we list\n\n"
        "Requirements\n- A PhD in statistics or computer science\n- Fluent English\n"
    )
    asked = {(m.name, m.requirement) for m in extract_posting(parse_text(text, "x.md"))}
    assert ("PhD", "required") in asked and ("English", "required") in asked
    assert not {n for n, r in asked if r == "mentioned"} & {"PhD", "Master's degree", "English"}


def test_skills_of_a_text_without_headings_and_of_a_very_long_one(tmp_path):
    """A plain-text posting with no section headings (once a crash), and one of over a million
    characters (past spaCy's 1M-character guard)."""
    from rolefit.pipeline import input_skills

    short = tmp_path / "short.txt"
    short.write_text(
        "Data Engineer\n\nWe need someone who builds pipelines in Python and SQL on Snowflake for our analysts "
        "and keeps them running every day.\n"
    )
    source, text, mentions = input_skills(str(short))
    assert {"Python", "SQL", "Snowflake"} <= {m.name for m in mentions}
    assert all(text[m.start : m.end] == m.text for m in mentions)
    line = "- build pipelines with Python and SQL on Snowflake for the analysts every single day\n"
    long = tmp_path / "long.txt"
    long.write_text("Data Engineer\n\n" + line * 14_000)  # 1.2 M characters, no sentence stops
    _, text, mentions = input_skills(str(long))
    assert len(text) > 1_000_000 and len(mentions) >= 3 * 14_000
