package org.cairnmq.jms;

import jakarta.jms.MessageFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Java serialization of {@code ObjectMessage} bodies. Reading is restricted to the classes of
 * {@link ObjectMessageAllowList}, and resolves classes through the thread's context class loader (the
 * application's, in a server) before Cairn's own.
 */
final class ObjectSerialization {
    private ObjectSerialization() {
    }

    static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw formatError("Cannot serialize the ObjectMessage body (" + object.getClass().getName() + "): "
                    + e, e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] serialized) throws MessageFormatException {
        if (serialized == null) {
            return null;
        }
        ObjectMessageAllowList.Filter filter = ObjectMessageAllowList.newFilter();
        try (ObjectInputStream in = new ApplicationObjectInputStream(new ByteArrayInputStream(serialized))) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (filter.rejected() != null) {
                throw formatError("The ObjectMessage body contains a " + filter.rejected()
                        + ", a class Cairn does not deserialize unless allowed: add it (or its package, as com.acme.*)"
                        + " to the system property " + ObjectMessageAllowList.SYSTEM_PROPERTY
                        + " or call ObjectMessageAllowList.allow", e);
            }
            throw formatError("Cannot deserialize the ObjectMessage body: " + e.getMessage(), e);
        } catch (ClassNotFoundException e) {
            throw formatError("The ObjectMessage body contains a " + e.getMessage()
                    + ", a class neither the thread's context class loader nor Cairn's can load", e);
        } catch (IOException e) {
            throw formatError("Cannot deserialize the ObjectMessage body: " + e, e);
        }
    }

    private static MessageFormatException formatError(String message, Exception cause) {
        MessageFormatException e = new MessageFormatException(message);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    /** Loads classes as the receiving application sees them. */
    private static final class ApplicationObjectInputStream extends ObjectInputStream {
        ApplicationObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            String name = desc.getName();
            ClassLoader application = Thread.currentThread().getContextClassLoader();
            if (application != null) {
                try {
                    return Class.forName(name, false, application);
                } catch (ClassNotFoundException notThere) {
                    // try Cairn's loader next
                }
            }
            try {
                return Class.forName(name, false, ObjectSerialization.class.getClassLoader());
            } catch (ClassNotFoundException notThere) {
                return super.resolveClass(desc); // primitive types, and the JDK's own choice of loader
            }
        }
    }
}
