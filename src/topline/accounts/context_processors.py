def tenant(request):
    return {"org": getattr(request, "org", None)}
