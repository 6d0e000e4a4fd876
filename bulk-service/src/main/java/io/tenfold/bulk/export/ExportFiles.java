package io.tenfold.bulk.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import javax.sql.DataSource;

import io.tenfold.commons.error.ForbiddenOperationException;
import io.tenfold.commons.security.smart.SmartAccess;

/**
 * Serves an export's NDJSON file: its chunks, read one at a time from bulk-service's database and written
 * straight to the response, so a file of any size passes through a megabyte of memory. The tenant's access
 * policies are asked again first: a client they no longer let export the type gets a 403.
 */
@ApplicationScoped
public class ExportFiles {

    private static final String CHUNKS_SQL = "SELECT data FROM bulk.export_chunks "
            + "WHERE tenant_id = ? AND job_id = ? AND file_no = ? ORDER BY chunk_no";

    private final DataSource dataSource;
    private final ExportAccess access;

    public ExportFiles(DataSource dataSource, ExportAccess access) {
        this.dataSource = dataSource;
        this.access = access;
    }

    /** The file's bytes, for a worker thread to write out; a 403 now when the client may no longer export it. */
    public StreamingOutput stream(SmartAccess caller, UUID job, ExportJob.File file) {
        if (!access.stillAllowed(caller, file.type()).await().indefinitely()) {
            throw new ForbiddenOperationException("access-policy-denied", "The tenant's access policies no longer "
                    + "allow this client to export " + file.type());
        }
        String tenant = caller.tenant().value();
        return out -> write(tenant, job, file.number(), out);
    }

    private void write(String tenant, UUID job, int file, OutputStream out) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                TenantSql.enter(connection, tenant);
                try (PreparedStatement chunks = connection.prepareStatement(CHUNKS_SQL)) {
                    chunks.setFetchSize(1);
                    chunks.setString(1, tenant);
                    chunks.setObject(2, job);
                    chunks.setInt(3, file);
                    try (ResultSet rows = chunks.executeQuery()) {
                        while (rows.next()) {
                            out.write(rows.getBytes(1));
                        }
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("reading export file failed", e));
        }
    }
}
