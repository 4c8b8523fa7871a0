/**
 * What the starter's tests share.
 */
@NullMarked
package org.negotiatetcp.boot.testsupport;

import org.jspecify.annotations.NullMarked;
