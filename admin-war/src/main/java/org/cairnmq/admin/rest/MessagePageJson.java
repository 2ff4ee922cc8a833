package org.cairnmq.admin.rest;

import java.util.List;

/** One page of a browse; pass {@code next} as {@code after} for the following page ({@code null}: the last). */
public record MessagePageJson(List<MessageJson> messages, String next) {
}
