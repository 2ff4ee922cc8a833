package org.cairnmq.it.bench;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Runs one benchmark scenario in the server and answers its result as JSON. Parameters: {@code factory}
 * (JNDI name), {@code scenario}, {@code producers}, {@code consumers}, {@code size}, {@code seconds},
 * {@code rate} (latency), {@code jta} (transactions as UserTransactions), {@code inflight} (most messages
 * sent and not yet received; 0, the default: no bound), and the destinations either as JNDI names
 * ({@code queueJndi}, {@code requestsJndi}, {@code topicJndi}) or as names the factory's session creates
 * ({@code queue}, {@code requests}, {@code topic}).
 */
@WebServlet("/run")
public class BenchServlet extends HttpServlet {
    @Resource
    private ManagedThreadFactory threads;
    @Resource
    private UserTransaction transaction;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        try {
            ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(request.getParameter("factory"));
            ScenarioRunner.Plan plan = new ScenarioRunner.Plan(
                    BenchScenario.valueOf(request.getParameter("scenario")), factory,
                    destination(factory, request, "queue", false), destination(factory, request, "requests", false),
                    destination(factory, request, "topic", true),
                    number(request, "producers", 1), number(request, "consumers", 1), number(request, "size", 1024),
                    number(request, "seconds", 10), number(request, "rate", 500),
                    Boolean.parseBoolean(request.getParameter("jta")), number(request, "inflight", 0));
            response.getWriter().write(new ScenarioRunner(plan, threads, transaction).run().toJson());
        } catch (Exception e) {
            response.setStatus(500);
            response.getWriter().write("{\"error\":\"" + String.valueOf(e).replace("\\", "/").replace("\"", "'") + "\"}");
            log("Benchmark run failed", e);
        }
    }

    static Destination destination(ConnectionFactory factory, HttpServletRequest request, String name,
            boolean topic) throws NamingException, JMSException {
        String jndi = request.getParameter(name + "Jndi");
        if (jndi != null) {
            return (Destination) new InitialContext().lookup(jndi);
        }
        String plain = request.getParameter(name);
        if (plain == null) {
            return null;
        }
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return topic ? session.createTopic(plain) : session.createQueue(plain);
        }
    }

    static int number(HttpServletRequest request, String name, int otherwise) {
        String value = request.getParameter(name);
        return value == null ? otherwise : Integer.parseInt(value);
    }
}
