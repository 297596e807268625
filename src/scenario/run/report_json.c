// SPDX-License-Identifier: GPL-2.0
/* --json: one record per step and the verdict, per scenario (json-glib). */
#include <json-glib/json-glib.h>

#include <gmemsim/check.h>
#include <gmemsim/scenario.h>

static const char *verdict_name(enum gms_verdict v)
{
	return v == GMS_PASS ? "pass" : v == GMS_FAIL ? "fail" : "unsupported";
}

static void add_violations(JsonBuilder *b, GPtrArray *violations)
{
	json_builder_set_member_name(b, "violations");
	json_builder_begin_array(b);
	for (guint i = 0; i < violations->len; i++) {
		const struct gms_violation *v = violations->pdata[i];

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_string_value(b, v->id);
		json_builder_set_member_name(b, "message");
		json_builder_add_string_value(b, v->message);
		json_builder_set_member_name(b, "objects");
		json_builder_begin_array(b);
		for (guint j = 0; j < v->objects->len; j++)
			json_builder_add_string_value(b, v->objects->pdata[j]);
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void add_step(JsonBuilder *b, const struct gms_step *st)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "line");
	json_builder_add_int_value(b, st->line);
	json_builder_set_member_name(b, "step");
	json_builder_add_string_value(b, st->text);
	json_builder_set_member_name(b, "expected");
	json_builder_add_string_value(b, st->expected);
	json_builder_set_member_name(b, "actual");
	json_builder_add_string_value(b, st->actual);
	json_builder_set_member_name(b, "ok");
	json_builder_add_boolean_value(b, st->ok);
	add_violations(b, st->violations);
	json_builder_end_object(b);
}

static void add_run(JsonBuilder *b, const struct gms_run *run)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "scenario");
	json_builder_add_string_value(b, run->path);
	json_builder_set_member_name(b, "verdict");
	json_builder_add_string_value(b, verdict_name(run->verdict));
	json_builder_set_member_name(b, "reason");
	if (run->reason)
		json_builder_add_string_value(b, run->reason);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "expected_violation");
	if (run->violated)
		json_builder_add_string_value(b, run->violated);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "steps");
	json_builder_begin_array(b);
	for (guint i = 0; i < run->steps->len; i++)
		add_step(b, run->steps->pdata[i]);
	json_builder_end_array(b);
	json_builder_end_object(b);
}

bool gms_report_json(GPtrArray *runs, const char *path, GError **err)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *gen = json_generator_new();
	JsonNode *root;
	guint passed = 0;
	bool ok;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "runs");
	json_builder_begin_array(b);
	for (guint i = 0; i < runs->len; i++) {
		const struct gms_run *run = runs->pdata[i];

		add_run(b, run);
		passed += run->verdict == GMS_PASS;
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "passed");
	json_builder_add_int_value(b, passed);
	json_builder_set_member_name(b, "failed");
	json_builder_add_int_value(b, runs->len - passed);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	ok = json_generator_to_file(gen, path, err);
	json_node_unref(root);
	g_object_unref(gen);
	g_object_unref(b);
	return ok;
}
