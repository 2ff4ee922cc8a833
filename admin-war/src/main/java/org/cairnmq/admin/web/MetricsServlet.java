package org.cairnmq.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cairnmq.admin.BrokerAccess;
import org.cairnmq.admin.BrokerUnavailableException;

/** {@code /cairn-admin/metrics}: the destinations' statistics for Prometheus (either role may read). */
@WebServlet("/metrics")
public class MetricsServlet extends HttpServlet {
    @Inject
    BrokerAccess broker;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text;
        try {
            text = PrometheusText.of(broker.management().nodeName(), broker.management().destinations());
        } catch (BrokerUnavailableException e) {
            JsonErrors.write(response, 503, "UNAVAILABLE", e.getMessage());
            return;
        }
        response.setContentType("text/plain; version=0.0.4; charset=utf-8");
        response.getWriter().write(text);
    }
}
