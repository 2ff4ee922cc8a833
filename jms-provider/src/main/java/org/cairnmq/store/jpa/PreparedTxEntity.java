package org.cairnmq.store.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.HexFormat;
import org.cairnmq.store.StoredXid;

/** One row of {@code cairn_prepared_tx}: an XA branch between prepare and its outcome. */
@Entity
@Table(name = "cairn_prepared_tx")
class PreparedTxEntity {
    private static final HexFormat HEX = HexFormat.of();

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cairn_prepared_tx_seq")
    @SequenceGenerator(name = "cairn_prepared_tx_seq", sequenceName = "cairn_prepared_tx_seq", allocationSize = 1)
    private long id;

    @Column(name = "format_id", nullable = false)
    private int formatId;

    @Column(nullable = false)
    private String gtrid;

    @Column(nullable = false)
    private String bqual;

    /** The node whose broker prepared the branch: the one that recovers it. */
    @Column(name = "node_name")
    private String nodeName;

    protected PreparedTxEntity() {
    }

    static PreparedTxEntity of(StoredXid xid) {
        PreparedTxEntity e = new PreparedTxEntity();
        e.formatId = xid.formatId();
        e.gtrid = HEX.formatHex(xid.globalTransactionId());
        e.bqual = HEX.formatHex(xid.branchQualifier());
        return e;
    }

    PreparedTxEntity preparedBy(String node) {
        this.nodeName = node;
        return this;
    }

    long id() {
        return id;
    }

    String gtridHex() {
        return gtrid;
    }

    String bqualHex() {
        return bqual;
    }

    StoredXid xid() {
        return new StoredXid(formatId, HEX.parseHex(gtrid), HEX.parseHex(bqual));
    }
}
