package org.cairnmq.it.outage;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /send?text=…} sends one persistent message outside any transaction and answers {@code sent}, or
 * {@code failed} with the exception the application saw; {@code /received} lists the bean's deliveries.
 */
@WebServlet({"/send", "/received"})
public class OutageServlet extends HttpServlet {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Inject
    Deliveries deliveries;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        if (request.getServletPath().equals("/received")) {
            response.getWriter().write(String.join("\n", deliveries.all()));
            return;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().send(context.createQueue(StoreOutageIT.QUEUE), request.getParameter("text"));
            response.getWriter().write("sent");
        } catch (JMSRuntimeException e) {
            response.getWriter().write("failed " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
