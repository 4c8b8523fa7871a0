package org.negotiatetcp.boot.acl;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.boot.test.kerberos.EmbeddedKerberos;
import org.negotiatetcp.boot.test.kerberos.KerberosRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects created for clients carry their ACLs, end to end: alice and bob (Kerberos, embedded KDC) and an anonymous
 * NTLM client call a server whose service methods are protected by {@code hasPermission(...)}; the ACLs are in the
 * default embedded H2 database.
 */
@EmbeddedKerberos(users = { "alice", "bob" }, services = "host/localhost", configureStarter = false)
class ObjectSecurityIntegrationTests {

	private static final String ALICE = "principal:alice@EXAMPLE.COM";

	private static final String BOB = "principal:bob@EXAMPLE.COM";

	private static Clients clients;

	@BeforeAll
	static void start(KerberosRealm realm) {
		clients = Clients.start(realm, Map.of("negotiate.tcp.acl.object-types.Report.creator", "read, write",
				"negotiate.tcp.acl.object-types.Report.entries[0].sid", "everyone",
				"negotiate.tcp.acl.object-types.Report.entries[0].rights", "read"));
	}

	@AfterAll
	static void stop() {
		if (clients != null) {
			clients.close();
		}
	}

	@Test
	void aliceAndBobEachOwnWhatTheyCreateAndReadTheOthersOnlyOnceGranted() {
		assertThat(clients.as("alice", "create Order 1", "read Order 1", "owner Order 1"))
			.containsExactly("created Order 1", "Order 1 of " + ALICE, ALICE);
		List<String> bob = clients.as("bob", "create Order 2", "read Order 2", "read Order 1", "load Order 1",
				"write Order 1 x");
		assertThat(bob.subList(0, 2)).containsExactly("created Order 2", "Order 2 of " + BOB);
		assertThat(bob.subList(2, 5)).allMatch((reply) -> reply.startsWith("denied"));
		assertThat(clients.one("alice", "read Order 2")).startsWith("denied");
		assertThat(clients.one("bob", "grant Order 2 " + ALICE + " read")).startsWith("ok");
		List<String> alice = clients.as("alice", "read Order 2", "load Order 2", "write Order 2 changed");
		assertThat(alice.subList(0, 2)).containsExactly("Order 2 of " + BOB, "Order 2 of " + BOB);
		assertThat(alice.get(2)).startsWith("denied");
		assertThat(clients.as("bob", "write Order 2 changed", "read Order 2")).containsExactly("written", "changed");
	}

	@Test
	void childObjectsInheritTheParentsInheritableEntriesAfterTheirExplicitOnes() {
		assertThat(clients.as("alice", "create Order 10", "grant-inheritable Order 10 " + BOB + " read",
				"grant Order 10 " + BOB + " write", "grant-inheritable Order 10 creator-owner take-ownership",
				"create Order 11 10", "acl Order 11"))
			.last()
			.isEqualTo("[allow " + ALICE + " 11011, allow " + BOB + " 1 inheritable inherited, allow " + ALICE
					+ " 100000 inheritable inherited]");
		// bob reads the child by the inherited entry; the parent's write entry was not inheritable
		assertThat(clients.as("bob", "read Order 11", "write Order 11 x", "check Order 11 READ"))
			.satisfies((replies) -> assertThat(replies.get(0)).isEqualTo("Order 11 of " + ALICE))
			.satisfies((replies) -> assertThat(replies.get(1)).startsWith("denied"))
			.satisfies((replies) -> assertThat(replies.get(2)).isEqualTo("true"));
		// an explicit deny on the child comes before the inherited allow
		assertThat(clients.one("alice", "deny Order 11 " + BOB + " read")).startsWith("ok [deny " + BOB + " 1,");
		assertThat(clients.one("bob", "read Order 11")).startsWith("denied");
		assertThat(clients.one("bob", "read Order 10")).isEqualTo("Order 10 of " + ALICE);
	}

	@Test
	void aDenyForAGroupComesBeforeAnAllowForTheClientWhicheverWasAddedFirst() {
		// Spring's default strategy would try bob's principal first and allow; AccessCheck walks the entries
		assertThat(clients.as("alice", "create Order 20", "grant Order 20 " + BOB + " read",
				"deny Order 20 ROLE_CLERKS read", "acl Order 20"))
			.last()
			.asString()
			.startsWith("[deny ROLE_CLERKS 1, allow " + ALICE + " 11011, allow " + BOB + " 1]");
		assertThat(clients.one("bob", "read Order 20")).startsWith("denied");
		// alice is a clerk too: denied the read, but as the owner she still changes the permissions
		assertThat(clients.as("alice", "read Order 20", "grant Order 20 " + ALICE + " write"))
			.satisfies((replies) -> assertThat(replies.get(0)).startsWith("denied"))
			.satisfies((replies) -> assertThat(replies.get(1)).startsWith("ok"));
	}

	@Test
	void onlyTheOwnerAndClientsGrantedChangePermissionsChangeTheAcl() {
		assertThat(clients.one("alice", "create Order 30")).isEqualTo("created Order 30");
		assertThat(clients.as("bob", "grant Order 30 " + BOB + " read", "acl Order 30", "read Order 30"))
			.allSatisfy((reply) -> assertThat(reply).startsWith("denied"));
		assertThat(clients.one("bob", "grant Order 30 " + BOB + " read")).contains("may not change the permissions")
			.contains("only its owner (" + ALICE + ")");
		assertThat(clients.one("alice", "grant Order 30 " + BOB + " change-permissions")).startsWith("ok");
		assertThat(clients.as("bob", "grant Order 30 " + BOB + " read", "read Order 30")).last()
			.isEqualTo("Order 30 of " + ALICE);
		assertThat(clients.one("bob", "owner Order 30")).isEqualTo(ALICE);
	}

	@Test
	void aClientGrantedTakeOwnershipBecomesTheOwner() {
		assertThat(clients.one("alice", "create Order 40")).isEqualTo("created Order 40");
		assertThat(clients.one("bob", "take Order 40")).startsWith("denied")
			.contains("may not take ownership of Order 40");
		assertThat(clients.one("alice", "grant Order 40 " + BOB + " take-ownership")).startsWith("ok");
		assertThat(clients.as("bob", "take Order 40", "grant Order 40 " + BOB + " read", "read Order 40"))
			.containsExactly("owner " + BOB, "ok [allow " + ALICE + " 11011, allow " + BOB + " 100000, allow " + BOB
					+ " 1]", "Order 40 of " + ALICE);
		assertThat(clients.one("alice", "owner Order 40")).isEqualTo(BOB);
	}

	@Test
	void anAnonymousClientOwnsNothingAndPassesOnlyEntriesGrantedToEveryone() {
		assertThat(clients.as("alice", "create Order 50", "grant Order 50 everyone read", "create Order 51",
				"grant Order 51 authenticated-users read"))
			.allSatisfy((reply) -> assertThat(reply).doesNotStartWith("denied").doesNotStartWith("error"));
		assertThat(clients.one("bob", "read Order 51")).isEqualTo("Order 51 of " + ALICE);
		assertThat(clients.as("anonymous", "read Order 50", "read Order 51", "create Order 52", "take Order 50",
				"write Order 50 x"))
			.satisfies((replies) -> assertThat(replies.get(0)).isEqualTo("Order 50 of " + ALICE))
			.satisfies((replies) -> assertThat(replies.subList(1, 5)).allMatch((reply) -> reply.startsWith("denied")))
			.satisfies((replies) -> assertThat(replies.get(2)).contains("An anonymous client owns nothing"));
	}

	@Test
	void anObjectTypesDefaultEntriesAndCreatorRightsComeFromProperties() {
		assertThat(clients.as("alice", "create Report 60", "acl Report 60")).last()
			.isEqualTo("[allow " + ALICE + " 11, allow everyone 1]");
		assertThat(clients.one("bob", "read Report 60")).isEqualTo("Report 60 of " + ALICE);
		assertThat(clients.one("anonymous", "read Report 60")).isEqualTo("Report 60 of " + ALICE);
	}

}
