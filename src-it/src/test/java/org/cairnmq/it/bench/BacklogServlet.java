package org.cairnmq.it.bench;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;

/**
 * Starts a {@link BacklogRun} in the background and reports on it, since a deep backlog takes longer than
 * an HTTP call should wait. {@code ?start} with {@code factory}, {@code jta}, the queue as for
 * {@link BenchServlet}, {@code messages}, {@code shallow}, {@code producers}, {@code consumers},
 * {@code segments}, {@code size}, {@code store} (the store's folder under
 * the server's data directory) answers {@code {"id":...}}; {@code ?id=...} answers the run's status.
 */
@WebServlet("/backlog")
public class BacklogServlet extends HttpServlet {
    private static final Map<String, BacklogRun> RUNS = new ConcurrentHashMap<>();

    @Resource
    private ManagedThreadFactory threads;
    @Resource
    private UserTransaction transaction;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        try {
            if (request.getParameter("start") != null) {
                ConnectionFactory factory = (ConnectionFactory) new InitialContext().lookup(request.getParameter("factory"));
                BacklogRun run = new BacklogRun(new BacklogRun.Plan(factory,
                        BenchServlet.destination(factory, request, "queue", false),
                        Boolean.parseBoolean(request.getParameter("jta")), number(request, "messages"),
                        number(request, "shallow"), (int) number(request, "producers"),
                        (int) number(request, "consumers"), (int) number(request, "segments"),
                        (int) number(request, "size"), request.getParameter("store")), threads, transaction);
                String id = UUID.randomUUID().toString();
                RUNS.put(id, run);
                threads.newThread(run).start();
                response.getWriter().write("{\"id\":\"" + id + "\"}");
                return;
            }
            BacklogRun run = RUNS.get(request.getParameter("id"));
            if (run == null) {
                response.setStatus(404);
                response.getWriter().write("{\"error\":\"no such run\"}");
                return;
            }
            String status = run.status();
            if (status.contains("\"result\":") || status.contains("\"error\":")) {
                RUNS.remove(request.getParameter("id"));
            }
            response.getWriter().write(status);
        } catch (Exception e) {
            response.setStatus(500);
            response.getWriter().write("{\"error\":\"" + String.valueOf(e).replace("\\", "/").replace("\"", "'") + "\"}");
            log("Backlog benchmark failed", e);
        }
    }

    private static long number(HttpServletRequest request, String name) {
        return Long.parseLong(request.getParameter(name));
    }
}
