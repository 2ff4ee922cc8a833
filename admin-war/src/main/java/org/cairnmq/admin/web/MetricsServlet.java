package org.cairnmq.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.admin.BrokerUnavailableException;
import org.cairnmq.management.BrokerManagement;
import org.cairnmq.management.ManagementException;

/** {@code /cairn-admin/metrics}: the destinations' statistics and the nodes for Prometheus (either role may read). */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());

    @Inject
    BrokerAccess broker;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text;
        try {
            BrokerManagement management = broker.management();
            text = PrometheusText.of(management.nodeName(), management.destinations()) + nodes(management);
        } catch (BrokerUnavailableException e) {
            JsonErrors.write(response, 503, "UNAVAILABLE", e.getMessage());
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.getWriter().write(text);
    }

    /** The nodes are read from the store: while it fails, the destinations' samples are still worth a scrape. */
    private static String nodes(BrokerManagement management) {
        try {
            return PrometheusNodes.of(management.nodeName(), management.nodes());
        } catch (ManagementException e) {
            LOG.warning("CAIRN-ADMIN-020 Metrics without the nodes: " + e.getMessage());
            return "";
        }
    }
}
