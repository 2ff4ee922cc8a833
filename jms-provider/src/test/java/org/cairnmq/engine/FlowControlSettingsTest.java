package org.cairnmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cairnmq.engine.FlowControl.DestinationLimit;
import org.cairnmq.engine.FlowControl.OverflowPolicy;
import org.junit.jupiter.api.Test;

/** The flow-control settings: defaults, which limit a destination gets, what is refused, old options still work. */
class FlowControlSettingsTest {
    @Test
    void defaultsAreAQuarterOfTheHeapAndAtMost64MiBPerDestinationBlockingTenSeconds() {
        FlowControl defaults = FlowControl.defaults();
        assertEquals((long) (Runtime.getRuntime().maxMemory() * 0.25), defaults.brokerLimitBytes());
        assertEquals(Math.min(64L << 20, defaults.brokerLimitBytes()), defaults.destinationLimitBytes());
        assertEquals(OverflowPolicy.BLOCK, defaults.policy());
        assertEquals(10_000, defaults.blockMillis());
    }

    @Test
    void anExactNameWinsOverAPrefixAndALongerPrefixOverAShorterOne() {
        FlowControl flow = FlowControl.defaults().withDestinationDefaults(1_000, OverflowPolicy.BLOCK)
                .withDestination("orders.*", 2_000, OverflowPolicy.FAIL)
                .withDestination("orders.eu.*", 3_000, OverflowPolicy.BLOCK)
                .withDestination("orders.eu.paris", 4_000, OverflowPolicy.FAIL);
        assertEquals(new DestinationLimit(1_000, OverflowPolicy.BLOCK), flow.limitOf("invoices"));
        assertEquals(new DestinationLimit(2_000, OverflowPolicy.FAIL), flow.limitOf("orders.us"));
        assertEquals(new DestinationLimit(3_000, OverflowPolicy.BLOCK), flow.limitOf("orders.eu.rome"));
        assertEquals(new DestinationLimit(4_000, OverflowPolicy.FAIL), flow.limitOf("orders.eu.paris"));
        assertEquals(new DestinationLimit(1_000, OverflowPolicy.BLOCK), flow.limitOf("orders"),
                "the prefix is 'orders.', with its dot");
    }

    @Test
    void limitsBelowOneByteAndNegativeWaitsAreRefused() {
        FlowControl flow = FlowControl.defaults();
        assertThrows(IllegalArgumentException.class, () -> flow.withBrokerLimitBytes(0));
        assertThrows(IllegalArgumentException.class, () -> flow.withDestinationDefaults(-1, OverflowPolicy.FAIL));
        assertThrows(IllegalArgumentException.class, () -> flow.withDestination("q", 0, OverflowPolicy.FAIL));
        assertThrows(IllegalArgumentException.class, () -> flow.withBlockMillis(-1));
        assertThrows(NullPointerException.class, () -> flow.withDestinationDefaults(1, null));
    }

    @Test
    void optionsMadeAsBeforeGetTheDefaultsAndKeepThemThroughEveryChange() {
        BrokerOptions old = new BrokerOptions("node", 100, 30_000);
        assertEquals(FlowControl.defaults(), old.flowControl());
        FlowControl mine = FlowControl.defaults().withBlockMillis(5);
        BrokerOptions options = BrokerOptions.defaults().withFlowControl(mine).withNodeName("other")
                .withQueueMemoryLimit(50).withLeaseMillis(5_000);
        assertEquals(mine, options.flowControl());
        assertTrue(options.queueMemoryLimit() == 50 && options.leaseMillis() == 5_000);
    }

    @Test
    void systemPropertiesSetFlowControlWhereNoCodeDoes() {
        java.util.Properties properties = new java.util.Properties();
        assertEquals(FlowControl.defaults(), FlowControl.configured(properties), "nothing set: the defaults");

        properties.setProperty(FlowControl.BROKER_LIMIT_PROPERTY, "1000000");
        FlowControl brokerOnly = FlowControl.configured(properties);
        assertEquals(1_000_000, brokerOnly.brokerLimitBytes());
        assertEquals(1_000_000, brokerOnly.destinationLimitBytes(), "a destination's default never exceeds it");

        properties.setProperty(FlowControl.DESTINATION_LIMIT_PROPERTY, "4096");
        properties.setProperty(FlowControl.POLICY_PROPERTY, "fail");
        properties.setProperty(FlowControl.BLOCK_MILLIS_PROPERTY, " 2500 ");
        FlowControl all = FlowControl.configured(properties);
        assertEquals(new DestinationLimit(4_096, OverflowPolicy.FAIL), all.limitOf("any"));
        assertEquals(2_500, all.blockMillis());
    }

    @Test
    void systemPropertiesThatCannotWorkAreRefusedNamingTheProperty() {
        for (String[] bad : new String[][] {{FlowControl.BROKER_LIMIT_PROPERTY, "lots"},
                {FlowControl.DESTINATION_LIMIT_PROPERTY, "0"}, {FlowControl.POLICY_PROPERTY, "DROP"},
                {FlowControl.BLOCK_MILLIS_PROPERTY, "-1"}}) {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty(bad[0], bad[1]);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> FlowControl.configured(properties), bad[0] + "=" + bad[1]);
            assertTrue(refused.getMessage().contains("cairn.flow."), refused.getMessage());
        }
    }
}
