"""A library of two documents, built for real: policy_data copied, the Guangzhou text imported with the
real ``policy-site import``, the site built with the real ``mkdocs build`` (ONE build for the module).

The imported document gets its pages in Chinese and English (a document page and a page a clause, the
Chinese verbatim with its line breaks, the English pages with the notice that the translation is
pending, an expired document saying so at the top of each page), the home lists both documents with
their status, and every page of the top-level document stays where it was.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policy_site.build.build_inputs import check_site
from policy_site.site.render import page_paths
from tests.build.linkcheck import check_site as check_links
from tests.site_build import REPO, build_env, mkdocs_build

GZ = "guangzhou-2019-employment-internship-bases"
GUANGZHOU = REPO / "tests" / "fixtures" / "documents" / f"{GZ}.zh.txt"
POLICY_SITE = Path(sys.executable).with_name("policy-site")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("library_build")
    data_dir = folder / "policy_data"
    shutil.copytree(REPO / "policy_data", data_dir)
    imported = subprocess.run([str(POLICY_SITE), "import", str(GUANGZHOU), "--id", GZ, "--data", str(data_dir)],
                              cwd=REPO, env=build_env(), capture_output=True, text=True)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    site = folder / "site"
    result = mkdocs_build(site, data_dir=data_dir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    """The page's visible words, tags dropped and entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


CLAUSE_5 = ["第五条 申请认定就业见习基地，应当符合下列条件：",
            "（一）具有良好的社会信誉，管理规范，有从事就业见习工作的积极性；",
            "（五）每年能够提供非临时性、具有一定知识技术含量、专业性强的见习工作岗位，接收见习人员20人以上，"
            "能按不低于20%的比例录用见习人员并与其签订一年以上劳动合同。"]


def test_the_document_page_in_chinese(built):
    doc = page(built, f"documents/{GZ}")
    words = text_of(doc)
    for expected in ("广州市就业见习基地管理办法", "穗人社规字〔2019〕6号", "广州市人力资源和社会保障局、广州市财政局",
                     "成文日期：2019年10月9日", "施行日期：2019年10月9日", "有效期至：2024年10月8日",
                     "广州市高校毕业生就业见习基地管理办法（穗人社发〔2015〕27号，本站未收录）",
                     "附件：广州市就业见习基地申请程序", "时间线"):
        assert expected in words, expected
    assert 'class="policy-status policy-status--expired" data-status="expired">已于2024年10月8日失效<' in doc
    assert 'href="clauses/5/"' in doc and 'href="clauses/23/"' in doc
    # the annex verbatim, its lines kept: tables as rows
    assert "附表1<br>广州市就业见习基地申请表<br>" in doc
    assert "联系人姓名 | 工作部门和职务 | 联系电话/传真 | 电子邮箱" in html.unescape(doc)
    # the timeline, in order, with the data date
    assert re.findall(r'<time datetime="([\d-]+)">', doc) == ["2019-10-09", "2019-10-09", "2024-10-08", "2026-01-01"]


def test_a_clause_page_keeps_the_chinese_text_and_its_line_breaks(built):
    clause = html.unescape(page(built, f"documents/{GZ}/clauses/5"))
    assert "<br>".join(CLAUSE_5[:2]) in clause
    assert CLAUSE_5[2] in clause
    assert f'href="../../"' in clause  # back to its document


def test_english_pages_show_the_chinese_with_the_notice_that_the_translation_is_pending(built):
    clause = page(built, f"en/documents/{GZ}/clauses/5")
    words = text_of(clause)
    assert "The English translation of this clause is pending; the Chinese text follows." in words
    assert CLAUSE_5[0] in words and "Clause 5" in words
    doc = text_of(page(built, f"en/documents/{GZ}"))
    for expected in ("Document number: 穗人社规字〔2019〕6号", "Signed: 2019-10-09", "In force until: 2024-10-08",
                     "Expired on 2024-10-08", "Documents it repeals", "not in this library", "Timeline"):
        assert expected in doc, expected


@pytest.mark.parametrize("root", ["", "en/"])
def test_every_page_of_an_expired_document_says_so_at_the_top(built, root):
    urls = [f"{root}documents/{GZ}"] + [f"{root}documents/{GZ}/clauses/{n}" for n in range(1, 24)]
    for url in urls:
        markup = page(built, url)
        banner = markup.find('class="policy-banner policy-banner--expired"')
        assert banner != -1, url
        original = markup.find('class="policy-original"')
        assert original == -1 or banner < original, url


@pytest.mark.parametrize("root, expected", [
    ("", ["本区关于做好当前和今后一个时期促进就业工作的实施方案", "广州市就业见习基地管理办法"]),
    ("en/", ["The district's implementation plan for promoting employment", "广州市就业见习基地管理办法"]),
])
def test_home_lists_the_documents_in_force_first_with_their_status(built, root, expected):
    home = page(built, root.rstrip("/") or ".")
    listing = home[home.index(">" + ("文件库" if not root else "Documents in this library")):]
    listing = listing[:listing.index("</ul>")]
    items = re.findall(r"<li>(.*?)</li>", listing, re.S)
    assert len(items) == 2
    assert 'data-status="no_dates"' in items[0] and 'data-status="expired"' in items[1]
    assert f'href="documents/{GZ}/"' in items[1]
    assert expected[0] in text_of(items[0]) and expected[1] in text_of(items[1])


def test_the_top_level_document_s_pages_did_not_move(built):
    site, result = check_site(REPO / "policy_data")
    assert site is not None, result.problems
    for path in page_paths(site):
        url = path.removesuffix(".md").removesuffix("index")
        for root in ("", "en/"):
            assert (built / root / url / "index.html").is_file() or (built / root / url).with_suffix(".html").is_file(), \
                root + url
    assert "1.1" in text_of(page(built, "clauses/1.1"))


def test_every_link_of_the_library_resolves(built):
    problems = [p for p in check_links(built) if "documents/" in p.page or "documents/" in p.url
                or p.page in ("index.html", "en/index.html")]
    assert not problems, "\n".join(map(str, problems[:20]))
