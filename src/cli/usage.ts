/** Thrown for a bad command line or config: the CLI prints the message (and the usage) and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

export const USAGE = `Usage: podwire <command> [options]

Commands:
  validate [paths…|-]   Validate manifests: files, directories (recursively, *.yaml *.yml *.json) or - for stdin
  render [FILE|-]       Render the manifests for a pattern; FILE holds the POST /v1/manifests/render body
  recommend [key=value…] Rank communication patterns for a profile (the GET /v1/recommendations parameters)
  rules [ID]            List the validation rules, or show one
  patterns [ID]         List the communication patterns, or show one
  serve                 Start the HTTP service

validate options:
  --format text|json|sarif|markdown   Output format (default text)
  --output FILE                       Write the report to FILE instead of stdout
  --kubernetes-version X.Y            Target Kubernetes release
  --scope complete|partial            partial: missing referenced objects are only info
  --pattern ID                        The pattern the bundle implements (its rules apply strictly)
  --disable RULE                      Silence a rule (repeatable, or comma-separated)
  --config FILE                       Use FILE instead of the nearest .podwire.yaml
  --fail-on error|warning|never       Exit 1 when a finding of that severity is found (default error)
  --stdin-filename NAME               The name stdin's findings are reported under (default stdin.yaml)
  --fix                               Apply the findings' safe fixes, rewriting the files that change;
                                      the report and exit status are about what remains
  --fix-dry-run                       Print the fixes as a unified diff instead (git apply reads it)
  --apply safe|all                    With --fix or --fix-dry-run: all applies suggestions too (default safe)

render, recommend, rules, patterns options:
  --format yaml|json                  Output format (default yaml)
  --output FILE                       Write to FILE instead of stdout

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, config or input error.
`;
