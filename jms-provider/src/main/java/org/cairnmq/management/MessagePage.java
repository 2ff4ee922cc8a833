package org.cairnmq.management;

import java.util.List;

/**
 * One page of a browse.
 *
 * @param next where the next page starts (the query's {@code after}), or {@code null} after the last page
 */
public record MessagePage(List<MessageView> messages, String next) {
}
