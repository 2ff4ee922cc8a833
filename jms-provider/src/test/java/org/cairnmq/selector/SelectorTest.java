package org.cairnmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The public API: parsing, "no selector", matching, identity. */
class SelectorTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t", "\n", "\r\n", "\f", " \t\f\r\n "})
    void nullOrBlankTextMeansNoSelector(String text) {
        Selector selector = Selector.parse(text);

        assertTrue(selector.matchesEverything());
        assertNull(selector.text());
        assertTrue(selector.matches(MapFields.of()));
        assertTrue(selector.matches(null), "no selector reads no message");
        assertSame(Selector.parse(null), selector);
    }

    @Test
    void otherWhitespaceIsNotBlank() {
        // Only Java's white space (space, tab, form feed, line terminators) separates tokens.
        assertThrows(SelectorSyntaxException.class, () -> Selector.parse("\u00a0"));
    }

    @Test
    void matchesWhenTheConditionIsTrue() {
        Selector selector = Selector.parse("JMSType = 'car' AND color = 'blue' AND weight > 2500");

        assertFalse(selector.matchesEverything());
        assertEquals("JMSType = 'car' AND color = 'blue' AND weight > 2500", selector.text());
        assertTrue(selector.matches(MapFields.of("JMSType", "car", "color", "blue", "weight", 3000)));
        assertFalse(selector.matches(MapFields.of("JMSType", "car", "color", "blue", "weight", 2500)));
        assertFalse(selector.matches(MapFields.of("JMSType", "car", "color", "red", "weight", 3000)));
    }

    @Test
    void unknownDoesNotMatchAndNeitherDoesItsNegation() {
        MapFields noWeight = MapFields.of();

        assertFalse(Selector.parse("weight > 2500").matches(noWeight));
        assertFalse(Selector.parse("NOT (weight > 2500)").matches(noWeight));
    }

    @Test
    void selectorIsReusable() {
        Selector selector = Selector.parse("n = 1");

        for (int i = 0; i < 5; i++) {
            assertTrue(selector.matches(MapFields.of("n", 1)));
            assertFalse(selector.matches(MapFields.of("n", 2)));
        }
    }

    @Test
    void matchesNeedsFields() {
        Selector selector = Selector.parse("n = 1");

        assertThrows(NullPointerException.class, () -> selector.matches(null));
    }

    @Test
    void exceptionFromFieldsPropagates() {
        Selector selector = Selector.parse("n = 1");

        assertThrows(IllegalStateException.class, () -> selector.matches(name -> {
            throw new IllegalStateException("boom");
        }));
    }

    @Test
    void equalityFollowsTheText() {
        assertEquals(Selector.parse("a = 1"), Selector.parse("a = 1"));
        assertEquals(Selector.parse("a = 1").hashCode(), Selector.parse("a = 1").hashCode());
        assertNotEquals(Selector.parse("a = 1"), Selector.parse("a=1"));
        assertEquals(Selector.parse(""), Selector.parse(null));
        assertEquals("Selector[a = 1]", Selector.parse("a = 1").toString());
        assertEquals("Selector[none]", Selector.parse(null).toString());
    }

    @Test
    void syntaxExceptionCarriesTextAndPosition() {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse("a = 1 AND AND b"));

        assertEquals("a = 1 AND AND b", e.selector());
        assertEquals(11, e.position());
        assertTrue(e.getMessage().startsWith("unexpected 'AND' at position 11"), e.getMessage());
        assertTrue(e instanceof RuntimeException);
    }

    @Test
    void deliveryModeHelper() {
        assertEquals("PERSISTENT", SelectorFields.deliveryMode(true));
        assertEquals("NON_PERSISTENT", SelectorFields.deliveryMode(false));
    }
}
