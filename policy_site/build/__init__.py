"""The mkdocs plugins and what a build needs besides pages: the Pyodide runtime and the service
worker, downloads, precompression, the atomic swap of the site folder, preview and hosting."""
