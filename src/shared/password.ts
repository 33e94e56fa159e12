/**
 * Password rules of common 等保 level-3 practice: at least 8 characters drawn from at
 * least three of the four classes (upper case, lower case, digits, symbols), and not
 * containing the username.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8 || password.length > 128) return 'password.rules';
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password));
  if (classes.length < 3) return 'password.rules';
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'password.containsUsername';
  }
  return null;
}
