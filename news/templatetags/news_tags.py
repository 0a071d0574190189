"""The home page's latest news."""

from django import template

from news.models import NewsIndexPage

register = template.Library()


@register.inclusion_tag("news/components/latest_news.html", takes_context=True)
def latest_news(context, limit=3):
    """The `limit` most recent news items of the site's news listing."""
    index_page = NewsIndexPage.objects.live().public().first()
    items = list(index_page.news_items().select_related("image")[:limit]) if index_page else []
    return {"news_items": items, "index_page": index_page, "request": context.get("request")}
