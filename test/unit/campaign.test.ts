import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CAMPAIGN_PATH, loadCampaign } from "../../src/reports/campaign.ts";
import { localTime } from "../../src/dates.ts";
import { boardDigest, dueMessages, isQuiet } from "../../src/reminders/schedule.ts";

async function withCampaign(edit: (c: Record<string, unknown>) => void): Promise<string> {
  const campaign = JSON.parse(await readFile(CAMPAIGN_PATH, "utf8")) as Record<string, unknown>;
  edit(campaign);
  const file = join(await mkdtemp(join(tmpdir(), "campaign-")), "campaign.json");
  await writeFile(file, JSON.stringify(campaign));
  return file;
}

describe("the campaign file", () => {
  it("loads the shipped file: six steps in order, the congress due by 30/06/2025, our own defaults marked", () => {
    const campaign = loadCampaign();
    expect(campaign.milestones.map((m) => m.key)).toEqual([
      "plan",
      "drafts_sent",
      "dossiers",
      "held",
      "filed",
      "action_programme",
    ]);
    expect(campaign.milestones.find((m) => m.key === "held")?.deadline?.fixed).toBe("2025-06-30");
    expect(campaign.milestones.filter((m) => m.deadline?.ours).map((m) => m.key)).toEqual([
      "drafts_sent",
      "dossiers",
      "filed",
      "action_programme",
    ]);
    expect(campaign.reminders).toMatchObject({
      leadDays: [7, 3, 1, 0],
      sendAt: "08:00",
      quietHours: { from: "21:00", to: "07:00" },
    });
  });

  it("refuses a bad file with the field named", async () => {
    const badTime = await withCampaign((c) => ((c.reminders as Record<string, unknown>).sendAt = "8 o'clock"));
    expect(() => loadCampaign(badTime)).toThrow(/reminders\.sendAt: must be a time written HH:MM/);
    const badZone = await withCampaign((c) => (c.timeZone = "Mars/Olympus"));
    expect(() => loadCampaign(badZone)).toThrow(/timeZone: must be an IANA time zone/);
    const badFrom = await withCampaign((c) => {
      const milestones = c.milestones as { deadline?: { from?: string } }[];
      milestones[1]!.deadline!.from = "nothing";
      return c;
    });
    expect(() => loadCampaign(badFrom)).toThrow(/milestones\.drafts_sent\.deadline\.from names no milestone/);
  });
});

describe("the schedule", () => {
  const campaign = loadCampaign();
  const unit = {
    code: "U",
    name: "U",
    kind: "committee" as const,
    type: "ward",
    model: false,
    plannedCongressDate: "2025-03-20",
    active: true,
  };
  const at = (iso: string) => new Date(iso);

  it("knows quiet hours across midnight and Hanoi's date near midnight UTC", () => {
    expect(isQuiet(20 * 60 + 59, campaign.reminders.quietHours)).toBe(false);
    expect(isQuiet(21 * 60, campaign.reminders.quietHours)).toBe(true);
    expect(isQuiet(6 * 60 + 59, campaign.reminders.quietHours)).toBe(true);
    expect(isQuiet(7 * 60, campaign.reminders.quietHours)).toBe(false);
    expect(localTime(at("2025-03-04T17:30:00Z"), "Asia/Ho_Chi_Minh")).toEqual({ date: "2025-03-05", minutes: 30 });
  });

  it("is due only from the sending hour, and not for a step already reported", () => {
    const members = [{ telegramId: 1, unitCode: "U" }];
    expect(dueMessages(campaign, [unit], members, [], at("2025-03-13T00:59:00Z"))).toEqual([]); // 07:59
    const due = dueMessages(campaign, [unit], members, [], at("2025-03-13T01:00:00Z")); // 08:00, 7 days before
    expect(due.map((d) => [d.kind, d.milestone.key, d.leadDays])).toEqual([
      ["nudge", "drafts_sent", -8], // due 05/03, 15 days before 20/03
      ["nudge", "dossiers", -8],
      ["reminder", "held", 7],
    ]);
    const reported = [
      {
        id: "1",
        unitCode: "U",
        milestone: "held",
        date: "2025-03-12",
        details: {},
        supersedes: null,
        reportedBy: 1,
        chatId: 1,
        reportedAt: new Date(),
      },
    ];
    expect(
      dueMessages(campaign, [unit], members, reported, at("2025-03-13T01:00:00Z")).map((d) => d.milestone.key),
    ).not.toContain("held");
  });

  it("gives the Board nothing to read when nothing is late or near", () => {
    const done = ["drafts_sent", "dossiers"].map((m, i) => ({
      id: String(i),
      unitCode: "U",
      milestone: m,
      date: "2025-03-01",
      details: {},
      supersedes: null,
      reportedBy: 1,
      chatId: 1,
      reportedAt: new Date(),
    }));
    expect(boardDigest(campaign, [unit], done, "2025-03-10")).toEqual({ overdue: [], upcoming: [] });
    expect(boardDigest(campaign, [unit], done, "2025-03-17").upcoming.map((u) => u.milestone.key)).toEqual(["held"]);
  });
});
