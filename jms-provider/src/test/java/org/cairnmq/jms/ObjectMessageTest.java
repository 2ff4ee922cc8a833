package org.cairnmq.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObjectMessageTest {
    /** An application class Cairn does not know. */
    record Order(String id, int lines) implements Serializable {
    }

    /** A class no allow-list names: stands for a deserialization gadget. */
    record Gadget(String command) implements Serializable {
    }

    @AfterEach
    void forgetConfiguration() {
        ObjectMessageAllowList.disallow(Order.class.getName());
        System.clearProperty(ObjectMessageAllowList.SYSTEM_PROPERTY);
    }

    /** The message as a consumer gets it: only the serialized bytes travel. */
    private static JmsObjectMessage received(Serializable object) throws JMSException {
        JmsObjectMessage sent = new JmsObjectMessage();
        sent.setObject(object);
        JmsObjectMessage received = new JmsObjectMessage(sent.serializedBody());
        received.markReceived(1, null);
        return received;
    }

    @Test
    void commonJdkTypesAreAllowedByDefault() throws JMSException {
        Map<String, Object> body = new HashMap<>();
        body.put("list", new ArrayList<>(List.of(1, 2L, "three")));
        body.put("immutable", List.of("a", "b"));
        body.put("unmodifiable", Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("k", 1.5))));
        body.put("sorted", new TreeMap<>(Map.of("x", true)));
        body.put("set", Set.of('c'));
        body.put("concurrent", new ConcurrentHashMap<>(Map.of("c", (short) 1)));
        body.put("hashSet", new HashSet<>(Set.of(1)));
        body.put("linkedSet", new LinkedHashSet<>(Set.of(1)));
        body.put("treeSet", new TreeSet<>(Set.of(1)));
        body.put("linked", new LinkedList<>(List.of(1)));
        body.put("deque", new ArrayDeque<>(List.of(1)));
        body.put("queue", new PriorityQueue<>(List.of(1)));
        body.put("table", new Hashtable<>(Map.of(1, 2)));
        body.put("enumMap", new EnumMap<>(Map.of(DayOfWeek.FRIDAY, 1)));
        body.put("enumSet", EnumSet.of(DayOfWeek.FRIDAY));
        body.put("asList", Arrays.asList(1, 2));
        body.put("singleton", Collections.singletonList(1));
        body.put("empty", Collections.emptyMap());
        body.put("reversed", new TreeMap<>(Comparator.reverseOrder()));
        body.put("money", new BigDecimal("12.34"));
        body.put("day", LocalDate.of(2024, 2, 29));
        body.put("when", ZonedDateTime.parse("2024-02-29T10:15:30+01:00[Europe/Paris]"));
        body.put("weekday", DayOfWeek.MONDAY);
        body.put("date", new Date(0));
        body.put("uuid", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        body.put("strings", new String[] {"s"});
        body.put("ints", new int[] {1, 2});

        Object back = received((Serializable) body).getObject();

        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) back;
        assertEquals(body.keySet(), map.keySet());
        assertEquals(body.get("when"), map.get("when"));
        assertEquals(body.get("unmodifiable"), map.get("unmodifiable"));
        assertArrayEquals(new int[] {1, 2}, (int[]) map.get("ints"));
    }

    @Test
    void classNotAllowedIsRefusedWithItsNameAndTheProperty() throws JMSException {
        JmsObjectMessage message = received(new Gadget("rm -rf /"));

        MessageFormatException e = assertThrows(MessageFormatException.class, message::getObject);
        assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(ObjectMessageAllowList.SYSTEM_PROPERTY), e.getMessage());
        assertThrows(MessageFormatException.class, () -> message.getBody(Serializable.class));
        assertFalse(message.isBodyAssignableTo(Serializable.class));
    }

    @Test
    void classNotAllowedIsRefusedInsideAnAllowedCollection() throws JMSException {
        JmsObjectMessage message = received(new ArrayList<>(List.of(new Gadget("x"))));

        MessageFormatException e = assertThrows(MessageFormatException.class, message::getObject);
        assertTrue(e.getMessage().contains(Gadget.class.getName()), e.getMessage());
    }

    @Test
    void applicationClassAllowedInCode() throws JMSException {
        JmsObjectMessage message = received(new Order("o-1", 3));
        assertThrows(MessageFormatException.class, message::getObject);

        ObjectMessageAllowList.allow(Order.class.getName());

        assertEquals(new Order("o-1", 3), message.getObject());
        assertEquals(new Order("o-1", 3), message.getBody(Order.class));
        assertTrue(message.isBodyAssignableTo(Order.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(Gadget.class));
        assertThrows(MessageFormatException.class, () -> received(new Gadget("x")).getObject());
    }

    @Test
    void applicationPackageAllowedBySystemProperty() throws JMSException {
        System.setProperty(ObjectMessageAllowList.SYSTEM_PROPERTY, " com.acme.** , org.cairnmq.jms.*");

        assertEquals(new Gadget("now allowed"), received(new Gadget("now allowed")).getObject());
        assertTrue(ObjectMessageAllowList.patterns().contains("com.acme.**"));
    }

    @Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ObjectMessageAllowList.allow("com.acme;!*"));
        System.setProperty(ObjectMessageAllowList.SYSTEM_PROPERTY, "maxdepth=5");

        MessageFormatException e = assertThrows(MessageFormatException.class, () -> received(1).getObject());
        assertTrue(e.getMessage().contains(ObjectMessageAllowList.SYSTEM_PROPERTY), e.getMessage());
    }

    @Test
    void classesResolveThroughTheContextClassLoaderFirst() throws JMSException {
        ObjectMessageAllowList.allow(Order.class.getName());
        JmsObjectMessage message = received(new Order("o-2", 1));
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(recording);
        try {
            message.getObject();
        } finally {
            thread.setContextClassLoader(before);
        }

        assertTrue(asked.contains(Order.class.getName()), asked.toString());
    }

    @Test
    void setObjectTakesASnapshot() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("before"));
        JmsObjectMessage message = new JmsObjectMessage();
        message.setObject(list);
        list.add("after");

        assertEquals(List.of("before"), message.getObject());
        assertTrue(message.getObject() != message.getObject());
    }

    @Test
    void unserializableContentIsAFormatError() {
        JmsObjectMessage message = new JmsObjectMessage();
        ArrayList<Object> list = new ArrayList<>(List.of(new Object()));

        assertThrows(MessageFormatException.class, () -> message.setObject(list));
    }

    @Test
    void bodyMustBeAnInstanceOfTheTypeAsked() throws JMSException {
        JmsObjectMessage message = received(42);

        assertEquals(42, message.getBody(Integer.class));
        assertEquals(42, message.getBody(Number.class));
        assertEquals(42, message.getBody(Serializable.class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void noObjectIsNoBody() throws JMSException {
        JmsObjectMessage message = new JmsObjectMessage();

        assertNull(message.getObject());
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(String.class));
    }

    @Test
    void receivedMessageIsReadOnlyUntilClearBody() throws JMSException {
        JmsObjectMessage message = received("x");

        assertThrows(MessageNotWriteableException.class, () -> message.setObject("y"));
        message.clearBody();
        assertNull(message.getObject());
        message.setObject("y");
        assertEquals("y", message.getObject());
    }
}
