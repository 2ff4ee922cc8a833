package org.cairnmq.engine;

import java.util.Map;

/**
 * A message as the engine carries it: headers, application properties and an encoded body. Immutable
 * once handed to the engine; the facade builds a fresh one for every send.
 *
 * @param properties property values of the types Jakarta Messaging allows (boxed primitives and String)
 * @param bodyType   one of the {@link BodyType} codes
 * @param body       the encoded body, or {@code null} for none
 */
public record BrokerMessage(MessageHeaders headers, Map<String, Object> properties, int bodyType, byte[] body) {
}
