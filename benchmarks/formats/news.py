"""The saved news page of the format benchmark: one plain-text document as a news site's article
page amid navigation, breadcrumbs, share buttons, an editor line, related news and a copyright
footer, in UTF-8 or as GBK bytes declaring charset=gb2312; and the text a perfect article
extraction of that page gives, which the benchmark measures the readers against."""

from __future__ import annotations

import html

from pingan_writer.sources import Source
from pingan_writer.text.outline import HEADING
from pingan_writer.text.paragraphs import iter_paragraphs

NEWS_DATE = "2024年02月20日 10:35"
NEWS_SOURCE = "平安新闻网－平安日报"

_RELATED = (
    "全国政法工作会议在京召开",
    "扎实推进更高水平的平安中国建设",
    "坚持和发展新时代“枫桥经验”　推进矛盾纠纷多元化解",
    "多地部署开展平安建设考评工作",
    "以法治之力护航经济社会高质量发展",
)

# The page as saved from a browser, filled by str.format: {meta}, {title} (escaped), {date},
# {source}, {body} (the <p> paragraphs) and {related} (the <li> items). CSS and script braces
# are doubled.
PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{meta}
<title>{title}--时政--平安新闻网</title>
<meta name="keywords" content="平安建设,政法工作">
<meta name="description" content="{title}">
<link rel="stylesheet" href="/css/main.css">
<style type="text/css">
body {{ font-family: "Microsoft YaHei", sans-serif; margin: 0; }}
.top-nav a {{ margin: 0 8px; color: #333; }}
.article h1 {{ font-size: 28px; text-align: center; }}
.related li {{ line-height: 30px; }}
</style>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() {{ var hm = document.createElement("script"); hm.src = "https://hm.example.cn/hm.js?1a2b3c";
  var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); }})();
</script>
</head>
<body>
<div class="top-nav">
<a href="/">首页</a><a href="/politics/">时政</a><a href="/world/">国际</a><a href="/finance/">财经</a>
<a href="/society/">社会</a><a href="/opinion/">评论</a><a href="/pic/">图片</a><a href="/video/">视频</a>
</div>
<div class="header"><a class="logo" href="/">平安新闻网</a>
<form class="search" action="/search"><input name="q" placeholder="请输入关键词">
<button>搜索</button></form></div>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/politics/">时政</a> &gt; 正文</div>
<div class="layout">
<div class="main">
<div class="article">
<h1>{title}</h1>
<div class="meta"><span class="date">{date}</span>
<span class="source">来源：<a href="/">{source}</a></span></div>
<div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a> <a class="qz">QQ空间</a></div>
<div class="content" id="article-body">
{body}
</div>
<div class="editor">（责任编辑：张三、李四）</div>
<div class="share">分享到：<a class="wx">微信</a> <a class="wb">微博</a></div>
</div>
<div class="related">
<h3>相关新闻</h3>
<ul>
{related}
</ul>
</div>
</div>
<div class="sidebar"><h3>热点排行</h3>
<ol><li><a href="/hot/1.html">春运首日全国铁路发送旅客超千万人次</a></li>
<li><a href="/hot/2.html">多部门联合部署打击电信网络诈骗</a></li></ol></div>
</div>
<div class="footer">
<p><a href="/about/">关于我们</a> | <a href="/ad/">广告服务</a> | <a href="/jobs/">招聘英才</a> |
<a href="/map/">网站地图</a> | <a href="/contact/">联系我们</a></p>
<p>平安新闻网版权所有，未经书面授权禁止使用</p>
<p>Copyright &copy; 2024 by www.example.cn. All rights reserved.</p>
<p>京ICP证000000号　京公网安备11000000000000号</p>
</div>
<script type="text/javascript">document.write('<img src="/stat.gif?r=' + Math.random() + '">');</script>
</body>
</html>
"""


def news_title(source: Source) -> str:
    """The page's h1: the text's title line, else the name the .txt reads under."""
    return source.outline.title or source.title


def news_article_text(source: Source) -> str:
    """What a perfect extraction of the news page gives: the title, the date and source line
    (the issue asks readers to keep both), then the body. The measure of clutter left in."""
    span = source.outline.title_span
    body = [
        p.content(source.text) for p in iter_paragraphs(source.text) if not span or p.content_start != span[0]
    ]
    return "\n".join([news_title(source), f"{NEWS_DATE} 来源：{NEWS_SOURCE}", *body]) + "\n"


def news_html(source: Source, charset: str) -> bytes:
    """A news page as saved from a browser: the article (title in h1, a date and source line,
    the body as <p>) amid the clutter of PAGE_TEMPLATE. charset "utf-8" or "gbk" (declared as
    gb2312)."""
    span = source.outline.title_span
    title = news_title(source)
    body = []
    strong = {n.start for n in source.outline.walk() if n.kind == HEADING}
    for para in iter_paragraphs(source.text):
        if span and para.content_start == span[0]:
            continue
        text = html.escape(para.content(source.text), quote=False)
        # A heading without a full stop is set bold, as news sites set section titles.
        if para.content_start in strong and "。" not in text:
            text = f"<strong>{text}</strong>"
        body.append(f'<p style="text-indent: 2em;">{text}</p>')
    meta = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        if charset == "gbk"
        else '<meta charset="utf-8">'
    )
    related = "\n".join(
        f'<li><a href="/n1/2024/02{i + 10}/c1001-4016{i}.html" target="_blank">{t}</a></li>'
        for i, t in enumerate(_RELATED)
    )
    page = PAGE_TEMPLATE.format(
        meta=meta,
        title=html.escape(title),
        date=NEWS_DATE,
        source=NEWS_SOURCE,
        body="\n".join(body),
        related=related,
    )
    return page.encode(charset, errors="xmlcharrefreplace")
