from .panels import nav_links


def navigation(request):
    return {"extra_nav": nav_links(request.user) if hasattr(request, "user") else []}
