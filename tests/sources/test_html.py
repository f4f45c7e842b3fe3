"""Saved web pages and copied HTML: the article read as a careful human reads it.

The pages are built here around the plain-text documents, with the clutter real news sites wrap
around an article (人民网, gov.cn in GBK, 新华网 saved as MHTML, a WeChat article)."""

from __future__ import annotations

import email.charset
import email.encoders
import email.policy
import html as html_lib
import re
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from pingan_writer.errors import SourceError
from pingan_writer.sources.html import read_html, read_html_text, read_mhtml
from pingan_writer.sources.parts import ReadResult
from pingan_writer.sources.reader import build_source

from ..conftest import SOURCE_SAMPLE
from ..test_sample_outlines import shape

OUTLINE_DATA = Path(__file__).resolve().parent.parent / "data" / "outline"
TITLE = "建设更高水平的平安中国"

CLUTTER = [
    "人民网首页",
    "首页 >",
    "时政",
    "分享到",
    "微博",
    "QQ空间",
    "责任编辑",
    "编辑：",
    "相关新闻",
    "平安建设取得新进展",
    "热点排行",
    "版权所有",
    "Copyright",
    "京ICP证",
    "var _hmt",
    "font-size",
    "广告",
    "字号",
    "打印本页",
    "扫一扫",
    "阅读原文",
    "javascript",
]

SCRIPT = """<script type="text/javascript">var _hmt = _hmt || [];(function() {
var hm = document.createElement("script");
hm.src = "https://hm.example.com/hm.js?x"; document.body.appendChild(hm);
if (a < b && c > d) {}})();</script>"""
STYLE = "<style>body{font-size:14px;margin:0}.nav li{float:left}.ad{display:block}</style>"
HEADER = """<div class="header"><a href="/"><img src="logo.png" alt="人民网首页"></a>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/politics/">时政</a></li>
<li><a href="/world/">国际</a></li>
<li><a href="/finance/">财经</a></li><li><a href="/opinion/">观点</a></li>
<li><a href="/video/">视频</a></li></ul>
<div class="search"><form action="/s"><input name="q" value=""><button>搜索</button></form></div></div>
<div class="ad banner">
<a href="https://ad.example.com"><img src="ad.jpg" alt="广告"></a><span>广告</span></div>"""
RELATED = """<div class="related"><h2>相关新闻</h2><ul>
<li><a href="/n1.html">平安建设取得新进展 群众安全感持续提升</a></li>
<li><a href="/n2.html">全国政法工作会议在京召开</a></li>
<li><a href="/n3.html">坚持和发展新时代“枫桥经验”综述</a></li></ul></div>
<div class="sidebar"><h3>热点排行</h3><ol><li><a href="/h1.html">一图读懂政府工作报告</a></li>
<li><a href="/h2.html">新春走基层</a></li></ol></div>"""
FOOTER = """<div class="footer"><p><a href="/about">关于人民网</a> | <a href="/ad">广告服务</a> |
<a href="/join">合作加盟</a> | <a href="/map">网站地图</a></p><p>人民网版权所有，未经书面授权禁止使用</p>
<p>Copyright &copy; 1997-2025 by www.people.com.cn. all rights reserved</p>
<p><a href="https://beian.example.com">京ICP证000006号</a> 京公网安备11000000000001号</p></div>"""


def paragraphs(text: str) -> list[str]:
    return [line.strip("\u3000 ") for line in text.split("\n") if line.strip()]


def people_page(title: str, paras: list[str], indent_in_text: bool = False) -> str:
    """人民网 style: text-indent paragraphs (or the .txt's own 　　 indents), headings in <strong>,
    an editor line, UTF-8."""
    style = "" if indent_in_text else ' style="text-indent: 2em;"'
    body = "\n".join(
        f"<p{style}><strong>{html_lib.escape(p)}</strong></p>"
        if re.match(r"^[一二三四五六七八九十]+、", p)
        else f"<p{style}>{html_lib.escape(p)}</p>"
        for p in paras
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}--观点--人民网</title>
<meta name="keywords" content="平安中国,政法"><meta name="description" content="{title}">
{STYLE}{SCRIPT}</head>
<body>{HEADER}
<div class="main w1000">
<div class="route"><a href="/">首页</a> &gt; <a href="/politics/">时政</a> &gt; 正文</div>
<div class="layout rm_txt cf"><div class="col col-1 fl">
<h1>{title}</h1>
<div class="channel cf">
<div class="col-1-1 fl">2025年03月01日08:12 | 来源：<a href="http://paper.people.com.cn/">人民网－人民日报</a></div>
<div class="col-1-1 fr share">分享到：
<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div></div>
<div class="rm_txt_con cf">
{body}
<p class="edit">(责任编辑：张三、李四)</p>
</div></div></div>
{RELATED}</div>
{FOOTER}
{SCRIPT}</body></html>"""


def gov_page(title: str, paras: list[str]) -> bytes:
    """gov.cn style in GBK, declared as gb2312 in http-equiv: paragraphs keep their 　　 indent,
    a date/source line with font-size and print tools beside it."""
    body = "\n".join(f"<p>\u3000\u3000{html_lib.escape(p)}</p>" for p in paras)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_中国政府网</title>{STYLE}{SCRIPT}</head>
<body>{HEADER}
<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; 正文</div>
<div class="article oneColumn pub_border">
<h1>{title}</h1>
<div class="pages-date">2025-03-01 10:00 <span class="font">来源： 新华社</span>
<span class="font index_switchsize">字号：<span>默认</span> <span>大</span> <span>超大</span></span>
<span class="font printsize">打印本页</span></div>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：王五</div>
</div>
{RELATED}
<div class="footer">主办单位：示例政府办公厅　版权所有：示例政府网 京ICP证000000号</div>
</body></html>"""
    return page.encode("gbk")


def xinhua_page(title: str, paras: list[str]) -> str:
    """新华网 style: a date split into spans, a source div, a share bar."""
    body = "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}-新华网</title>{STYLE}</head>
<body>{HEADER}
<div class="header domPC"><div class="header-cont clearfix"><div class="header-time left">
<span class="day"><em>2024</em>-01/16</span> <span class="time">09:30:15</span></div>
<div class="source">来源：新华网</div>
<div class="head-line clearfix"><h1><span class="title">{title}</span></h1></div>
<div class="pageShare"><div class="setFont">字体：<span>小</span><span>中</span><span>大</span></div>
<div class="share">分享到：<a>微信</a><a>微博</a></div></div></div></div>
<div class="main clearfix"><div id="detail"><div id="detailContent">
{body}
</div><div id="articleEdit"><span class="editor">【责任编辑:赵六】</span></div></div>
{RELATED}</div>{FOOTER}{SCRIPT}</body></html>"""


def wechat_page(title: str, paras: list[str]) -> str:
    """A saved WeChat article: hidden js_content, <section>/<span> paragraphs, a profile card."""
    body = "".join(
        f'<section style="margin-bottom: 16px;"><span style="font-size: 16px;">{html_lib.escape(p)}</span>'
        "</section>"
        for p in paras
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">{STYLE}</head>
<body id="activity-detail" class="zh_CN"><div class="rich_media_area_primary">
<h1 class="rich_media_title" id="activity-name">{title}</h1>
<div id="meta_content" class="rich_media_meta_list">
<span class="rich_media_meta rich_media_meta_text">原创</span>
<span class="rich_media_meta rich_media_meta_nickname">
<a id="js_name" href="javascript:void(0);">平安某市</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">2024年1月16日 18:30</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">{body}</div>
<div id="js_pc_qr_code"><p>扫一扫，关注公众号</p></div>
<div class="rich_media_tool"><a id="js_view_source" href="#">阅读原文</a> <span>分享到：</span></div>
</div>{SCRIPT}</body></html>"""


def mhtml(page: str, url: str) -> bytes:
    """What Chrome's "save as single file" writes: multipart/related, quoted-printable HTML, and
    a stylesheet and an image as further parts."""
    root = MIMEMultipart("related", type="text/html")
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = url
    root["Subject"] = "=?utf-8?Q?page?="
    qp = email.charset.Charset("utf-8")
    qp.body_encoding = email.charset.QP
    part = MIMEText(page, "html", _charset=qp)
    part["Content-Location"] = url
    root.attach(part)
    css = MIMEText(".nav{color:red}", "css", "utf-8")
    css["Content-Location"] = "https://www.news.cn/css/main.css"
    root.attach(css)
    return root.as_bytes(policy=email.policy.SMTP)


def outline_shape(text: str):
    return shape(build_source(ReadResult(text, "utf-8"), None, "txt").outline.nodes)


def sentences(text: str) -> list[str]:
    return [s for p in paragraphs(text) for s in re.split(r"(?<=[。！？；：])", p) if s]


def assert_reads_like_txt(result: ReadResult, txt: str, title: str) -> None:
    """Same outline as the .txt, every sentence verbatim, no clutter, length within 2 %."""
    source = build_source(result, None, "html")
    assert source.title == title
    assert shape(source.outline.nodes) == outline_shape(txt)
    for sentence in sentences(txt):
        assert sentence in result.text, sentence
    for junk in CLUTTER:
        assert junk not in result.text, junk
    assert abs(len(result.text) - len(txt)) <= 0.02 * len(txt)
    assert "\n\n" not in result.text


@pytest.fixture(scope="module")
def seed() -> str:
    return SOURCE_SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def speech() -> str:
    return (OUTLINE_DATA / "speech.txt").read_text(encoding="utf-8")


def test_people_page_in_utf8_reads_title_source_line_and_body(seed):
    result = read_html(people_page(TITLE, paragraphs(seed)).encode("utf-8"), "people.html")
    lines = result.text.split("\n")
    assert lines[0] == TITLE
    assert lines[1] == "2025年03月01日08:12 | 来源：人民网－人民日报"
    assert lines[2] == paragraphs(seed)[0]
    assert result.encoding == "utf-8"
    assert_reads_like_txt(result, seed, TITLE)


def test_gbk_page_declared_gb2312_keeps_ideographic_indents(seed):
    result = read_html(gov_page(TITLE, paragraphs(seed)), "gov.htm")
    lines = result.text.split("\n")
    assert result.encoding == "gb18030"
    assert lines[:2] == [TITLE, "2025-03-01 10:00 来源： 新华社"]
    # The body is the .txt's own lines, U+3000 indents included: nothing folded into spaces.
    assert lines[2:] == [line for line in seed.split("\n") if line.strip()]
    assert_reads_like_txt(result, seed, TITLE)


def test_mhtml_quoted_printable_speech_has_the_outline_of_its_txt(speech):
    title, *rest = paragraphs(speech)
    data = mhtml(xinhua_page(title, rest), "https://www.news.cn/politics/20240116/c.html")
    assert b"Content-Transfer-Encoding: quoted-printable" in data
    result = read_mhtml(data, "news.mhtml")
    lines = result.text.split("\n")
    assert lines[0] == title
    assert lines[1] == "2024-01/16 09:30:15 来源：新华网"
    assert_reads_like_txt(result, speech, title)


def test_wechat_article_with_hidden_content_is_read(speech):
    title, *rest = paragraphs(speech)
    result = read_html(wechat_page(title, rest).encode("utf-8"), "wechat.html")
    assert result.text.split("\n")[1] == "原创 平安某市 2024年1月16日 18:30"
    assert_reads_like_txt(result, speech, title)


def test_html_headings_in_the_body_become_hints_below_the_title(seed):
    paras = paragraphs(seed)
    strong = r'<p style="text-indent: 2em;"><strong>(.*?)</strong></p>'
    page = re.sub(strong, r"<h2>\1</h2>", people_page(TITLE, paras))
    assert page.count("<h2>") == 4  # 一、二、三、 and the related-news box
    result = read_html(page.encode("utf-8"), "h2.html")
    headings = [p for p in paras if re.match("^[一二三]、", p)]
    expected = [(0, 0)] + [(result.text.index(h), 1) for h in headings]
    assert [(h.start, h.level) for h in result.hints] == expected
    assert shape(build_source(result, None, "html").outline.nodes) == outline_shape(seed)


def test_line_break_between_chinese_characters_in_the_source_adds_no_space():
    para = "建设更高水平的平安中国，\n   是以习近平同志为核心的党中央作出的战略擘画。" * 12
    page = f"<html><body><h1>{TITLE}</h1><article><p>{para}</p></article></body></html>"
    result = read_html_text(page)
    assert ("建设更高水平的平安中国，是以习近平同志为核心的党中央作出的战略擘画。" * 12) in result.text
    assert " " not in result.text


def test_clipboard_html_reads_like_a_page(seed):
    paras = paragraphs(seed)[:5]
    body = "".join(f"<p>{p}</p>" for p in paras)
    fragment = f"<html><body><!--StartFragment-->{body}<!--EndFragment-->"
    result = read_html_text(fragment)
    assert result.text.split("\n") == paras
    assert result.encoding == "utf-8"


def test_windows_cf_html_header_is_dropped(seed):
    paras = paragraphs(seed)[:3]
    body = "<html><body>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>"
    clip = f"Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000009999\r\n{body}"
    assert read_html_text(clip).text.split("\n") == paras


@pytest.mark.parametrize(
    "page",
    [
        f"<html><head><title>首页</title></head><body>{HEADER}{RELATED}{FOOTER}</body></html>",
        "<html><body></body></html>",
        "就是一段没有标签的文字",
        "",
    ],
    ids=["portal", "empty-body", "no-tags", "empty"],
)
def test_page_without_article_is_refused(page):
    with pytest.raises(SourceError, match="网页中没有找到正文") as err:
        read_html(page.encode("utf-8"), "portal.html")
    assert str(err.value).startswith("portal.html：")


def test_frameset_page_is_refused():
    page = '<html><frameset cols="20%,80%"><frame src="nav.html"><frame src="content.html"></frameset></html>'
    with pytest.raises(SourceError, match="框架页"):
        read_html(page.encode("utf-8"), "frames.html")


def test_redirect_page_is_refused():
    page = (
        '<html><head><meta http-equiv="refresh" content="0; url=/a/2025.html"></head>'
        "<body>正在跳转…</body></html>"
    )
    with pytest.raises(SourceError, match="跳转页面"):
        read_html(page.encode("utf-8"), "go.html")


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"From: x\r\nSubject: y\r\n\r\njust text", "不是 multipart"),
        (
            b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n",
            "缺少 text/html",
        ),
        (
            b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n\r\n--b--\r\n",
            "空的或已损坏",
        ),
    ],
    ids=["not-multipart", "no-html-part", "empty-html-part"],
)
def test_broken_mhtml_is_refused(data, reason):
    with pytest.raises(SourceError, match=reason):
        read_mhtml(data, "broken.mhtml")


def test_mhtml_html_part_in_base64_and_gbk(seed):
    page = gov_page(TITLE, paragraphs(seed))
    root = MIMEMultipart("related", type="text/html")
    part = MIMEBase("text", "html", charset="gbk")
    part.set_payload(page)
    email.encoders.encode_base64(part)
    root.attach(part)
    assert b"Content-Transfer-Encoding: base64" in root.as_bytes()
    result = read_mhtml(root.as_bytes(), "gov.mht")
    assert result.encoding == "gb18030"
    assert_reads_like_txt(result, seed, TITLE)


def test_over_20_mb_is_refused():
    with pytest.raises(SourceError, match="过大"):
        read_html(b"<p>" + b"a" * (20 * 1024 * 1024) + b"</p>", "big.html")
    with pytest.raises(SourceError, match="过大"):
        read_mhtml(b"x" * (20 * 1024 * 1024 + 1), "big.mhtml")
    with pytest.raises(SourceError, match="过大"):
        read_html_text("<p>" + "字" * (20 * 1024 * 1024) + "</p>")


def test_100k_levels_of_nesting_does_not_hang_or_crash():
    page = "<html><body>" + "<div>" * 100_000 + "正文内容。" * 200 + "</div>" * 100_000 + "</body></html>"
    with pytest.raises(SourceError):
        read_html(page.encode("utf-8"), "deep.html")
    spans = "<html><body><p>" + "<span><b>" * 50_000 + "正文内容。" * 200 + "</p></body></html>"
    with pytest.raises(SourceError):
        read_html(spans.encode("utf-8"), "deep2.html")


def test_huge_attribute_does_not_hang_or_crash(seed):
    body = "".join(f"<p>{p}</p>" for p in paragraphs(seed))
    huge = "x" * 15_000_000
    page = f'<html><body><h1>{TITLE}</h1><div data-x="{huge}"></div><article>{body}</article></body></html>'
    try:
        result = read_html(page.encode("utf-8"), "attr.html")
    except SourceError as exc:
        assert "网页" in exc.reason
    else:
        assert "x" * 100 not in result.text


def test_declared_charset_that_does_not_fit_falls_back_to_utf8(seed):
    paras = paragraphs(seed)
    page = people_page(TITLE, paras).replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    result = read_html(page.encode("utf-8"), "latin.html")
    assert result.encoding == "utf-8"
    assert paras[0] in result.text


def test_undeclared_gbk_page_is_detected(seed):
    page = people_page(TITLE, paragraphs(seed)).replace('<meta charset="utf-8">', "")
    result = read_html(page.encode("gbk"), "nocharset.html")
    assert result.encoding in ("gbk", "gb18030")
    assert paragraphs(seed)[0] in result.text


@pytest.mark.parametrize("name", sorted(p.name for p in OUTLINE_DATA.glob("*.txt")))
def test_every_outline_sample_as_a_news_page_reads_line_for_line(name):
    txt = (OUTLINE_DATA / name).read_text(encoding="utf-8")
    lines = [line for line in txt.split("\n") if line.strip()]
    has_title = build_source(ReadResult(txt, "utf-8"), None, "txt").outline.title is not None
    title, body = (lines[0], lines[1:]) if has_title else ("工作情况报告", lines)
    result = read_html(people_page(title, body, indent_in_text=True).encode("utf-8"), name + ".html")
    # Every line as in the .txt, U+3000 indents and 第一章　总则 included: nothing folded to " ".
    assert result.text.split("\n") == [title, "2025年03月01日08:12 | 来源：人民网－人民日报", *body]
    assert shape(build_source(result, None, "html").outline.nodes) == outline_shape(txt)
