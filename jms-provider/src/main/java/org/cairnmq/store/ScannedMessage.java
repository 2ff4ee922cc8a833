package org.cairnmq.store;

/**
 * A stored message as a scan for management finds it.
 *
 * @param held whether a live broker instance holds it (in its memory, delivered, or scheduled); if not, only
 *             the store has it
 */
public record ScannedMessage(StoredMessage message, boolean held) {
}
