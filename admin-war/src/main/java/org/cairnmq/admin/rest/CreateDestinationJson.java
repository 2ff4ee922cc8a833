package org.cairnmq.admin.rest;

/** The body of {@code POST /api/destinations}: {@code {"name": "orders", "type": "queue"}}. */
public record CreateDestinationJson(String name, String type) {
}
