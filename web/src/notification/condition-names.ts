/**
 * What a Notification condition may read besides keywords: the documents in its context and the
 * functions of src/templates/template-globals.ts (`buildGlobals`), with their parameters. The condition
 * editor offers these as completions; test/notifications/condition-names.test.ts keeps the list equal
 * to the server's.
 */

/** The documents a condition sees (rule-verdict.ts's context); their fields complete after the dot. */
export const CONDITION_DOCUMENTS = ['doc', 'doc_before_save'] as const;

/** A function a condition may call: its dotted path and its parameters. */
export interface ConditionFunction {
  path: string;
  params: string[];
}

const fn = (path: string, ...params: string[]): ConditionFunction => ({ path, params });

export const CONDITION_FUNCTIONS: readonly ConditionFunction[] = [
  fn('nowdate'),
  fn('now'),
  fn('_', 'msg'),
  fn('frappe.utils.nowdate'),
  fn('frappe.utils.today'),
  fn('frappe.utils.now'),
  fn('frappe.utils.getdate', 'string_date'),
  fn('frappe.utils.get_datetime', 'datetime_str'),
  fn('frappe.utils.add_days', 'date', 'days'),
  fn('frappe.utils.add_months', 'date', 'months'),
  fn('frappe.utils.date_diff', 'string_ed_date', 'string_st_date'),
  fn('frappe.utils.format_date', 'string_date', 'format_string'),
  fn('frappe.utils.format_datetime', 'datetime_string', 'format_string'),
  fn('frappe.utils.fmt_money', 'amount', 'precision', 'currency', 'format'),
  fn('frappe.utils.flt', 's', 'precision'),
  fn('frappe.utils.cint', 's'),
  fn('frappe.utils.cstr', 's'),
  fn('frappe.utils.get_url_to_form', 'doctype', 'name'),
  fn('frappe.utils.get_link_to_form', 'doctype', 'name', 'label'),
  fn('frappe.utils.strip_html', 'text'),
  fn('frappe.utils.escape_html', 'text'),
  fn('frappe.db.get_value', 'doctype', 'filters', 'fieldname', 'as_dict'),
  fn('frappe.get_doc', 'doctype', 'name'),
];

/** Words of the expression language offered at the start of a name. */
export const CONDITION_KEYWORDS = ['and', 'or', 'not', 'in', 'is', 'None', 'True', 'False'] as const;
