package org.negotiatetcp.boot.test.kerberos;

import java.util.List;
import java.util.Locale;

/**
 * What identifies an embedded realm: its name and principals. Equal definitions share one KDC.
 * @param realm the realm
 * @param users the users as declared ({@code name} or {@code name:password})
 * @param services the services
 */
record RealmDefinition(String realm, List<String> users, List<String> services) {

	RealmDefinition {
		realm = realm.toUpperCase(Locale.ROOT);
		if (realm.indexOf('.') <= 0 || realm.endsWith(".")) {
			throw new IllegalArgumentException("@EmbeddedKerberos realm '" + realm
					+ "' must have at least two dot-separated parts, for example EXAMPLE.COM");
		}
		users = List.copyOf(users);
		services = List.copyOf(services);
	}

	static RealmDefinition of(EmbeddedKerberos annotation) {
		return new RealmDefinition(annotation.realm(), List.of(annotation.users()), List.of(annotation.services()));
	}

}
