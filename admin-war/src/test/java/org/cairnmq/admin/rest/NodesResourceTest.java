package org.cairnmq.admin.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cairnmq.admin.FakeManagement;
import org.cairnmq.management.ManagementException;
import org.cairnmq.management.NodeView;
import org.junit.jupiter.api.Test;

/** {@code GET /api/nodes}: the broker's node views as they are, its failures left to the error mappers. */
class NodesResourceTest {
    private static final NodeView A = new NodeView("a", "i-a", true, true, 2_000, 1_000, 900, 100, 2, 5);
    private static final NodeView B = new NodeView("b", "i-b", false, false, 1_000, 500, 0, 600, 0, 3);

    private static NodesResource resource(java.util.function.Supplier<List<NodeView>> nodes) {
        NodesResource resource = new NodesResource();
        resource.broker = FakeManagement.access(FakeManagement.of("a", List.of(), nodes));
        return resource;
    }

    @Test
    void listsTheNodesTheBrokerSees() {
        assertEquals(List.of(A, B), resource(() -> List.of(A, B)).list());
    }

    @Test
    void aStoreFailureIsLeftToTheManagementMapper() {
        ManagementException failed = new ManagementException(ManagementException.Kind.FAILED, "store down");
        ManagementException thrown = assertThrows(ManagementException.class, () -> resource(() -> {
            throw failed;
        }).list());
        assertSame(failed, thrown, "ErrorMappers.Management answers it 500 FAILED");
    }

    @Test
    void isAReadOnlyJsonGetAtNodes() throws NoSuchMethodException {
        assertEquals("nodes", NodesResource.class.getAnnotation(Path.class).value());
        assertEquals(List.of(MediaType.APPLICATION_JSON), List.of(NodesResource.class.getAnnotation(Produces.class).value()));
        assertTrue(NodesResource.class.getMethod("list").isAnnotationPresent(GET.class));
    }
}
