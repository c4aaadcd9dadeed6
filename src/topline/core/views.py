"""Helpers shared by the HTML views of every app: the tenant guard for views, and one view
rendering both the full page and its htmx fragment."""

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def org_required(view):
    """Signed in and working in an organization; a user without one sees nothing (404)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "org", None) is None:
            raise Http404("no organization")
        return view(request, *args, **kwargs)

    return wrapper


def render_page(request, template: str, context: dict, *, partial: str):
    """The whole page, or only `template#partial` when htmx swaps the element whose id is
    the partial's name (#results, #board). History restores get the whole page."""
    htmx = request.htmx
    wants_fragment = htmx and not htmx.history_restore_request and htmx.target == partial
    response = render(request, f"{template}#{partial}" if wants_fragment else template, context)
    # The same URL answers with a page or a fragment: caches must tell them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def form_page(request, form, title: str, cancel_url: str):
    """The create or edit page of a record; errors show beside their fields."""
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)
