# One image for the portal and the crawl-and-index job.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 COURSEFINDER_VAR=/var/lib/coursefinder
COPY pyproject.toml README.md ./
COPY coursefinder ./coursefinder
COPY crawler ./crawler
COPY indexer ./indexer
COPY portal ./portal
COPY samplesites ./samplesites
COPY translations ./translations
COPY babel.cfg ./
RUN pip install --no-cache-dir . && pybabel compile -d translations
RUN useradd --system --home /var/lib/coursefinder coursefinder && mkdir -p /var/lib/coursefinder \
    && chown coursefinder /var/lib/coursefinder
USER coursefinder
EXPOSE 8000
CMD ["coursefinder", "serve", "--host", "0.0.0.0", "--port", "8000"]
