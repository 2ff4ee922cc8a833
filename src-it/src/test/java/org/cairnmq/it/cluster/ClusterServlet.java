package org.cairnmq.it.cluster;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /send?text=…} sends one persistent message through this node and answers {@code sent}, or why not;
 * with {@code &count=n}, n messages {@code text-0} … {@code text-(n-1)}, each committed on its own.
 */
@WebServlet("/send")
public class ClusterServlet extends HttpServlet {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        String count = request.getParameter("count");
        try (JMSContext context = connectionFactory.createContext()) {
            if (count == null) {
                context.createProducer().send(context.createQueue(ClusterIT.QUEUE), request.getParameter("text"));
            } else {
                for (int i = 0; i < Integer.parseInt(count); i++) {
                    context.createProducer().send(context.createQueue(ClusterIT.QUEUE), request.getParameter("text") + "-" + i);
                }
            }
            response.getWriter().write("sent");
        } catch (JMSRuntimeException e) {
            response.getWriter().write("failed " + e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
