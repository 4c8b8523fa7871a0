package org.negotiatetcp.boot.acl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link ObjectTypeSecurity} of each object type; a type not listed gets {@link ObjectTypeSecurity#defaults}.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public final class ObjectTypes {

	private final Map<String, ObjectTypeSecurity> types;

	/**
	 * Create the registry.
	 * @param types the configured types
	 */
	public ObjectTypes(Iterable<ObjectTypeSecurity> types) {
		Map<String, ObjectTypeSecurity> byName = new LinkedHashMap<>();
		for (ObjectTypeSecurity type : types) {
			if (byName.put(type.type(), type) != null) {
				throw new IllegalStateException("Object type " + type.type() + " is configured twice");
			}
		}
		this.types = Map.copyOf(byName);
	}

	/**
	 * Return a type's security.
	 * @param type the object type
	 * @return the configured security, or the defaults
	 */
	public ObjectTypeSecurity get(String type) {
		ObjectTypeSecurity security = this.types.get(type);
		return (security != null) ? security : ObjectTypeSecurity.defaults(type);
	}

}
