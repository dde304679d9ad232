/** A template's finding, seen from a parameter file: reported on the value in that file that decides it. */
import type { RuleFinding } from '../rules/rule';
import { once } from '../once';

/** The finding re-homed into the parameter file, or nothing when no value of that file decides it. */
export function reportInParameterFile(finding: RuleFinding, parameterUri: string): RuleFinding[] {
  const decider = finding.decidingOrigins.find((origin) => origin.uri === parameterUri);
  if (!decider) return [];
  const declaration = { location: { uri: finding.resource.uri, span: finding.span }, message: `container registry '${finding.resource.displayName}' is declared here` };
  return [
    {
      ...finding,
      uri: parameterUri,
      span: decider.span,
      related: [declaration, ...finding.related.filter((r) => !(r.location.uri === parameterUri && r.location.span.start === decider.span.start))],
      // Fixes that only touch the template belong to the template's own diagnostic.
      fixes: once(() => finding.fixes().filter((fix) => fix.edits.some((edit) => edit.uri === parameterUri))),
    },
  ];
}
