package org.negotiatetcp.boot.acl;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.boot.test.kerberos.EmbeddedKerberos;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The objects and their ACLs survive an application restart on a real PostgreSQL server (Debian's {@code postgresql}
 * package, which {@code .ci/run} installs): the application's {@code DataSource} holds the orders and, with
 * {@code negotiate.tcp.acl.initialize-schema=always}, the ACL schema.
 */
@Tag("interop")
@EmbeddedKerberos(users = { "alice", "bob" }, services = "host/localhost", configureStarter = false)
class PostgresqlRestartTests {

	private static final String ALICE = "principal:alice@EXAMPLE.COM";

	private static final String BOB = "principal:bob@EXAMPLE.COM";

	@Test
	void objectsAndTheirAclsSurviveARestart(KerberosRealm realm) throws Exception {
		Path bin = ThrowawayPostgresql.binaries().orElse(null);
		Assumptions.assumeTrue(bin != null,
				"PostgreSQL is not installed (/usr/lib/postgresql/<version>/bin/initdb): apt-get install postgresql");
		try (ThrowawayPostgresql postgresql = ThrowawayPostgresql.start(bin)) {
			Map<String, Object> properties = Map.of("acl-test.jdbc-url", postgresql.url(),
					"negotiate.tcp.acl.initialize-schema", "always");
			Clients first = Clients.start(realm, properties);
			try {
				assertThat(first.as("alice", "create Order 1", "grant-inheritable Order 1 " + BOB + " read",
						"create Order 2 1", "deny Order 2 " + BOB + " write", "grant Order 2 " + BOB + " write",
						"grant Order 1 " + BOB + " take-ownership"))
					.allSatisfy((reply) -> assertThat(reply).doesNotStartWith("denied").doesNotStartWith("error"));
				assertThat(first.as("bob", "create Order 3", "take Order 1")).containsExactly("created Order 3",
						"owner " + BOB);
			}
			finally {
				first.close();
			}
			Clients second = Clients.start(realm, properties);
			try {
				assertThat(second.as("bob", "read Order 2", "write Order 2 x", "read Order 1", "owner Order 1",
						"read Order 3", "acl Order 2"))
					.containsExactly("Order 2 of " + ALICE, "denied: Access Denied", "Order 1 of " + ALICE, BOB,
							"Order 3 of " + BOB, "[deny " + BOB + " 10, allow " + ALICE + " 11011, allow " + BOB
									+ " 10, allow " + BOB + " 1 inheritable inherited]");
				assertThat(second.as("alice", "read Order 3", "owner Order 2", "read Order 1"))
					.containsExactly("denied: Access Denied", ALICE, "Order 1 of " + ALICE);
			}
			finally {
				second.close();
			}
		}
	}

}
