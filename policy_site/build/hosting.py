"""What a host needs to serve the site safely: the Content-Security-Policy it runs under.

The README gives the same header for nginx and for a static host's ``_headers`` file; the build
also writes that ``_headers`` file at the site's root (Netlify and Cloudflare Pages read it;
other hosts ignore it). tests/browser/test_csp.py serves the site with exactly this policy.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
                           "style-src 'self' 'unsafe-inline'; img-src 'self' data:")


def headers_file() -> str:
    return f"/*\n  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n"
