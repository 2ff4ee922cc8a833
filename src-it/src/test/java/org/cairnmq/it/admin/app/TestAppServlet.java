package org.cairnmq.it.admin.app;

import jakarta.annotation.Resource;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * What the admin tests need from inside the server: JMX readings, a durable subscription, a bytes message,
 * and the order listener's switch and log. A test helper only: unsecured, never part of Cairn.
 */
@WebServlet("/it/*")
public class TestAppServlet extends HttpServlet {
    @Resource(lookup = "java:/jms/cairn/ConnectionFactory")
    ConnectionFactory factory;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=utf-8");
        try {
            String answer = switch (request.getPathInfo()) {
                case "/mbean" -> mbeanAttribute(request.getParameter("name"), request.getParameter("attribute"));
                case "/subscribe" -> subscribe(request.getParameter("topic"), request.getParameter("name"));
                case "/bytes" -> sendBytes(request.getParameter("queue"));
                case "/outage" -> {
                    OrderListener.OUTAGE.set(Boolean.parseBoolean(request.getParameter("active")));
                    yield "outage " + OrderListener.OUTAGE.get();
                }
                case "/consumed" -> String.join("\n", OrderListener.CONSUMED);
                default -> null;
            };
            if (answer == null) {
                response.sendError(404);
            } else {
                response.getWriter().write(answer);
            }
        } catch (InstanceNotFoundException e) {
            response.sendError(404, "No MBean " + request.getParameter("name"));
        } catch (JMException | JMSException e) {
            throw new IOException(e);
        }
    }

    private static String mbeanAttribute(String name, String attribute) throws JMException {
        return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(name), attribute));
    }

    // A shared durable subscription: in the server, connections may not set a client ID (JMS 3.1 section 12.2).
    private String subscribe(String topic, String name) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createSharedDurableConsumer(session.createTopic(topic), name).close();
        }
        return "subscribed";
    }

    private String sendBytes(String queue) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new byte[] {(byte) 0xCA, (byte) 0xFE, 0x00, 0x41});
            session.createProducer(session.createQueue(queue)).send(message);
            return message.getJMSMessageID();
        }
    }
}
