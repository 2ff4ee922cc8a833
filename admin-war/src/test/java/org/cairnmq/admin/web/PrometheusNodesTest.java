package org.cairnmq.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.List;
import org.cairnmq.admin.FakeManagement;
import org.cairnmq.management.DestinationType;
import org.cairnmq.management.DestinationView;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.NodeView;
import org.junit.jupiter.api.Test;

class PrometheusNodesTest {
    private static final NodeView A = new NodeView("a", "i-a", true, true, 2_000, 1_000, 1_250, 100, 2, 5);
    private static final NodeView B = new NodeView("b\"x", "i-b", false, false, 1_000, 500, 0, 600, 0, 3);
    private static final NodeView UNRECORDED = new NodeView("solo", null, true, true, -1, -1, -1, -1, 1, 0);

    @Test
    void oneGaugeSamplePerNodeLabelledWithTheAnsweringNodeAndTheMember() {
        String text = PrometheusNodes.of("a", List.of(A, B));
        assertTrue(text.contains("# TYPE cairn_node_consumers gauge\n"), text);
        assertTrue(text.contains("cairn_node_consumers{node=\"a\",member=\"a\"} 2\n"), text);
        assertTrue(text.contains("cairn_node_in_flight{node=\"a\",member=\"b\\\"x\"} 3\n"), text);
        assertTrue(text.contains("cairn_node_live{node=\"a\",member=\"a\"} 1\n"), text);
        assertTrue(text.contains("cairn_node_live{node=\"a\",member=\"b\\\"x\"} 0\n"), text);
        assertTrue(text.contains("cairn_node_lease_seconds_left{node=\"a\",member=\"a\"} 1.25\n"), text);
        assertTrue(text.contains("cairn_node_lease_seconds_left{node=\"a\",member=\"b\\\"x\"} 0\n"), text);
    }

    @Test
    void aLeaseTheStoreDoesNotRecordHasNoSample() {
        String text = PrometheusNodes.of("solo", List.of(UNRECORDED));
        assertTrue(text.contains("cairn_node_consumers{node=\"solo\",member=\"solo\"} 1\n"), text);
        assertFalse(text.contains("cairn_node_lease_seconds_left{"), text);
    }

    private static String scrape(MetricsServlet servlet) throws Exception {
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(PrometheusNodesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> m.getName().equals("getWriter") ? writer : null);
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(PrometheusNodesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> null);
        servlet.doGet(request, response);
        writer.flush();
        return body.toString();
    }

    @Test
    void theMetricsPageCarriesDestinationsThenNodesAndKeepsDestinationsWhenTheStoreFails() throws Exception {
        DestinationView orders = new DestinationView(DestinationType.QUEUE, "orders", 3, 3, 1, 0, 2, 0, 10, 7, 1, 2,
                3_500, false, 4_096, 65_536);
        MetricsServlet servlet = new MetricsServlet();
        servlet.broker = FakeManagement.access(FakeManagement.of("a", List.of(orders), () -> List.of(A, B)));
        String text = scrape(servlet);
        assertTrue(text.contains("cairn_destination_depth{node=\"a\",type=\"queue\",name=\"orders\"} 3\n"), text);
        assertTrue(text.contains("cairn_node_consumers{node=\"a\",member=\"a\"} 2\n"), text);
        assertTrue(text.indexOf("cairn_destination_") < text.indexOf("cairn_node_"), text);

        servlet.broker = FakeManagement.access(FakeManagement.of("a", List.of(orders), () -> {
            throw new ManagementException(ManagementException.Kind.FAILED, "store down");
        }));
        String withoutNodes = scrape(servlet);
        assertTrue(withoutNodes.contains("cairn_destination_depth{node=\"a\",type=\"queue\",name=\"orders\"} 3\n"), withoutNodes);
        assertFalse(withoutNodes.contains("cairn_node_"), withoutNodes);
        assertEquals(text.substring(0, text.indexOf("# HELP cairn_node_")), withoutNodes);
    }
}
