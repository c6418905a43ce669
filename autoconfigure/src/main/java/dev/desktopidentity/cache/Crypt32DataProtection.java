package dev.desktopidentity.cache;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinCrypt;

/**
 * {@link WindowsDataProtection} through jna-platform's binding of {@code Crypt32.dll}:
 * the current user's scope (no {@code CRYPTPROTECT_LOCAL_MACHINE}), and never a prompt
 * ({@code CRYPTPROTECT_UI_FORBIDDEN}). Loaded on Windows only.
 */
final class Crypt32DataProtection implements WindowsDataProtection {

	@Override
	public byte[] protect(byte[] data, byte[] entropy, String description) throws DataProtectionException {
		try {
			return Crypt32Util.cryptProtectData(data, entropy, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, description, null);
		}
		catch (Win32Exception ex) {
			throw new DataProtectionException(ex.getErrorCode(), ex.getMessage());
		}
	}

	@Override
	public byte[] unprotect(byte[] blob, byte[] entropy) throws DataProtectionException {
		try {
			return Crypt32Util.cryptUnprotectData(blob, entropy, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, null);
		}
		catch (Win32Exception ex) {
			throw new DataProtectionException(ex.getErrorCode(), ex.getMessage());
		}
	}

}
