/**
 * A throwaway Kerberos realm for tests and development: {@link org.negotiatetcp.test.kdc.EmbeddedKdc} (an in-JVM
 * Apache Kerby KDC with principals, keytabs and a krb5.conf), {@link org.negotiatetcp.test.kdc.RealmSetup} (the
 * principals a realm starts with, shared per JVM on request) and
 * {@link org.negotiatetcp.test.kdc.EmbeddedKdcExtension} (the JUnit Jupiter extension). No Spring.
 */
@NullMarked
package org.negotiatetcp.test.kdc;

import org.jspecify.annotations.NullMarked;
