package io.warden.application.port.driven;

/** Every metric in one text exposition (Prometheus' format), for {@code GET /metrics}. */
public interface MetricsScrape {

  /** The media type of {@link #scrape()}. */
  String contentType();

  /** The current value of every metric. */
  String scrape();
}
