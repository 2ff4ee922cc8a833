package org.cairnmq.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages of "another provider": dynamic proxies over the {@code jakarta.jms} interfaces with no Cairn
 * class behind them. They answer the header and property methods and the body methods a provider needs to
 * copy a body; any other call fails, so a test sees when Cairn relies on more.
 */
final class ForeignMessages {
    private ForeignMessages() {
    }

    static Message plain() {
        return create(Message.class, new Handler());
    }

    static TextMessage text(String text) {
        Handler handler = new Handler();
        handler.body.put("getText", text);
        return create(TextMessage.class, handler);
    }

    static BytesMessage bytes(byte[] content) {
        Handler handler = new Handler();
        handler.bytes = content;
        return create(BytesMessage.class, handler);
    }

    static MapMessage map(Map<String, Object> entries) {
        Handler handler = new Handler();
        handler.map = new LinkedHashMap<>(entries);
        return create(MapMessage.class, handler);
    }

    static ObjectMessage object(Serializable object) {
        Handler handler = new Handler();
        handler.body.put("getObject", object);
        return create(ObjectMessage.class, handler);
    }

    static StreamMessage stream(Object... values) {
        Handler handler = new Handler();
        handler.stream = Arrays.asList(values);
        return create(StreamMessage.class, handler);
    }

    private static <T extends Message> T create(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(ForeignMessages.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static final class Handler implements InvocationHandler {
        private static final Map<Class<?>, Object> ZEROS = Map.of(int.class, 0, long.class, 0L, boolean.class, false);
        private final Map<String, Object> headers = new HashMap<>();
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final Map<String, Object> body = new HashMap<>();
        private byte[] bytes;
        private Map<String, Object> map;
        private List<Object> stream;
        private int position;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
            String name = method.getName();
            if (name.startsWith("setJMS") && args.length == 1) {
                headers.put(name.substring(3), args[0]);
                return null;
            }
            if (name.startsWith("getJMS")) {
                Object value = headers.get(name.substring(3));
                return value != null ? value : ZEROS.get(method.getReturnType());
            }
            if (name.startsWith("set") && name.endsWith("Property")) {
                properties.put((String) args[0], args[1]);
                return null;
            }
            switch (name) {
                case "getObjectProperty":
                    return properties.get((String) args[0]);
                case "getPropertyNames":
                    return Collections.enumeration(new ArrayList<>(properties.keySet()));
                case "getText":
                case "getObject":
                    return args == null ? body.get(name) : map.get((String) args[0]);
                case "reset":
                    position = 0;
                    return null;
                case "getBodyLength":
                    return (long) bytes.length;
                case "readBytes":
                    return readBytes((byte[]) args[0]);
                case "getMapNames":
                    return Collections.enumeration(new ArrayList<>(map.keySet()));
                case "readObject":
                    if (position == stream.size()) {
                        throw new MessageEOFException("end");
                    }
                    return stream.get(position++);
                case "toString":
                    return "foreign " + proxy.getClass().getInterfaces()[0].getSimpleName();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    throw new UnsupportedOperationException("The foreign message does not do " + name);
            }
        }

        private int readBytes(byte[] into) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(into.length, bytes.length - position);
            System.arraycopy(bytes, position, into, 0, n);
            position += n;
            return n;
        }
    }
}
