import { useRootData } from "./root-data";

/** Every signed-in form includes this; the action checks it (requireUserForm). */
export function CsrfInput() {
  const token = useRootData()?.csrfToken;
  return token ? <input type="hidden" name="csrf" value={token} /> : null;
}
