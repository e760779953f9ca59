/* The search page: reads ?q= (and facet choices) from the address, fetches only the index shards
 * the query's words live in and the display data of the results on screen, and lets lunr.js
 * answer the query from that partial index. See minutebook/search/__init__.py for the files.
 *
 * Scores are lunr's own: a partial index holds, for every term a query can reach, the same
 * postings and weights as the whole index, with term numbers in the same order, and lunr scores
 * a document only on the terms of the query, so results, order and scores are those of one
 * monolithic index. The index is cut by date into tiers (minutebook/search/tiers.py) whose
 * files hold lunr's raw counts; the weights are worked out here, as lunr.py's Builder does, from
 * the counts of every tier and the whole collection's figures in meta.json.
 *
 * That is the exact search (quotes, AND, NOT, +, -, *, title:). Plain words and questions, what
 * residents mostly type, are ranked by the rules under "What residents type" below, on the same
 * postings and weights (docs/search.md says it in plain words).
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var SNIPPET_WORDS = 32;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var OPERATORS = { AND: 1, OR: 1, NOT: 1 };
  var K1 = 1.2, B = 0.75;  // lunr's BM25 parameters
  var SEPARATOR = /[ \t\n\r\f\v\u00a0-]+/;  // lunr.py's tokenizer, which made the index
  var TRIMMER = /^[^\p{L}\p{N}_]*?([\p{L}\p{N}_]+)[^\p{L}\p{N}_]*?$/u;  // lunr.py's trimmer

  // Accents, apostrophes, spaces and dashes, as minutebook/search/analyse.py folds the archive.
  function fold(text) {
    return text.normalize("NFKD")
      .replace(/[\p{Mn}'`\u2018\u2019\u02bc]/gu, "")
      .replace(/[\p{Zs}\u2028\u2029]/gu, " ")
      .replace(/\p{Pd}/gu, "-");
  }

  function trim(word) {
    var match = TRIMMER.exec(word);
    return match ? match[1] : word;
  }

  function isStopWord(word) {
    return lunr.stopWordFilter(new lunr.Token(word)) === undefined;
  }

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word)).toString();
  }

  /* ---- Fetching the index ------------------------------------------------------------- */

  var fetched = new Map();
  var meta = null;
  var tiers = null;  // [{name, base, shardByPrefix, shards}], oldest first

  function inflate(buffer) {
    var bytes = new Uint8Array(buffer);
    // A server may already have undone the gzip (Content-Encoding); then the JSON is plain.
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      return Promise.resolve(JSON.parse(new TextDecoder().decode(bytes)));
    }
    // Written straight into the inflater, not through a Blob: a Blob's bytes go through the
    // browser's blob store in another process and back, a round trip per file.
    var inflater = new DecompressionStream("gzip");
    var writer = inflater.writable.getWriter();
    // A broken file fails the read below, which reports it; these two would only say so again.
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    return new Response(inflater.readable).text().then(JSON.parse);
  }

  function load(path) {
    var key = path;
    if (!fetched.has(key)) {
      var url = new URL(path + (meta ? "?v=" + meta.build : ""), document.baseURI);
      var request = fetch(url, meta ? {} : { cache: "no-cache" }).then(function (response) {
        if (!response.ok) {
          throw new Error(response.status + " " + response.statusText + " for " + path);
        }
        return response.arrayBuffer();
      }).then(inflate);
      request.catch(function () { fetched.delete(key); });
      fetched.set(key, request);
    }
    return fetched.get(key);
  }

  function loadMeta() {
    return load("meta.json.gz").then(function (data) {
      if (!meta) {
        meta = data;
        tiers = meta.tiers.map(function (tier) {
          return { name: tier[0], base: tier[1], shards: tier[2], shardByPrefix: new Map(tier[2]) };
        });
      }
      return meta;
    });
  }

  // A shard is {tier, name}; its files are <tier>/terms/<name> and <tier>/positions/<name>.
  function shardPath(shard, kind) {
    return shard.tier.name + "/" + kind + "/" + shard.name + ".json.gz";
  }

  // The shard of each tier that holds the term, if it is anywhere.
  function shardFor(term) {
    var found = [];
    tiers.forEach(function (tier) {
      for (var length = term.length; length >= 0; length--) {
        var name = tier.shardByPrefix.get(term.slice(0, length));
        if (name !== undefined) {
          found.push({ tier: tier, name: name });
          return;
        }
      }
    });
    return found;
  }

  function shardsStarting(prefix) {
    var found = [];
    tiers.forEach(function (tier) {
      tier.shards.forEach(function (shard) {
        if (shard[0].startsWith(prefix) || prefix.startsWith(shard[0])) {
          found.push({ tier: tier, name: shard[1] });
        }
      });
    });
    return found;
  }

  // The shards holding every term a lunr query can reach: the term's own shard, or for a
  // wildcard or fuzzy term every shard on the branch of its fixed start.
  function shardsForQuery(queryString) {
    var query = new lunr.Query(meta.fields);
    new lunr.QueryParser(queryString, query).parse();
    var pipeline = lunr.Pipeline.load(meta.pipeline);
    var shards = new Map();
    query.clauses.forEach(function (clause) {
      var terms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      terms.forEach(function (term) {
        var star = term.indexOf("*");
        var found = star === -1 && !clause.editDistance ? shardFor(term) : shardsStarting(clause.editDistance ? "" : term.slice(0, star));
        found.forEach(function (shard) { shards.set(shardPath(shard, "terms"), shard); });
      });
    });
    return { shards: Array.from(shards.values()), negated: query.isNegated() };
  }

  // Python's round(x, 3), as lunr.py rounds weights: to the nearest thousandth of the float's
  // exact value (toFixed works on that too), and on an exact tie to the even one. A float sits
  // exactly halfway between thousandths only when it is an odd number of sixteenths.
  function roundThousandths(x) {
    var sixteenths = x * 16;
    if (Number.isInteger(sixteenths) && sixteenths % 2 === 1) {
      var below = Math.floor(x * 1000);
      return (below % 2 === 0 ? below : below + 1) / 1000;
    }
    return Number(x.toFixed(3));
  }

  // lunr.py's Builder: a term's weight in one field of one document, expression for expression.
  function weight(idf, tf, length, averageLength, boost, b) {
    b = b === undefined ? B : b;
    var score = idf * ((K1 + 1) * tf) / (K1 * (1 - b + b * (length / averageLength)) + tf);
    return roundThousandths(score * boost);
  }

  // lunr.idf: documents count once for each field that holds the term.
  function idf(documentsWithTerm) {
    var x = (meta.documents - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
    return Math.log(1 + Math.abs(x));
  }

  // term -> {number, fields: per field [[document, tf, field length], ...]}, every tier's
  // postings of the terms in the loaded shards, documents numbered across the archive.
  function gatherPostings(loaded) {
    var gathered = new Map();
    loaded.forEach(function (item) {
      var base = item.shard.tier.base;
      Object.keys(item.data).forEach(function (term) {
        var entry = item.data[term];
        var postings = gathered.get(term);
        if (!postings) {
          postings = { number: Infinity, fields: meta.fields.map(function () { return []; }) };
          gathered.set(term, postings);
        }
        // lunr numbers terms in the order it first meets them: the first tier holding a term
        // decides, and tiers' bases keep their numbers apart.
        postings.number = Math.min(postings.number, base + entry[0]);
        meta.fields.forEach(function (field, f) {
          var flat = entry[f + 1];
          var doc = base;
          for (var i = 0; i < flat.length; i += 3) {
            doc += flat[i];
            postings.fields[f].push([doc, flat[i + 1], flat[i + 2]]);
          }
        });
      });
    });
    return gathered;
  }

  // lunr.Index from shards: the postings as lunr.Index.load would build them, and each
  // document's field vector cut down to the terms loaded, which are all a query can score.
  function partialIndex(loaded) {
    var inverted = Object.create(null);
    var pairs = Object.create(null);
    var terms = [];
    var averages = meta.lengths.map(function (total) { return total / meta.documents; });
    gatherPostings(loaded).forEach(function (postings, term) {
      var documentsWithTerm = postings.fields.reduce(function (sum, field) { return sum + field.length; }, 0);
      var termIdf = idf(documentsWithTerm);
      var posting = {};
      meta.fields.forEach(function (field, f) {
        var refs = {};
        postings.fields[f].forEach(function (hit) {
          refs[hit[0]] = {};
          var key = field + "/" + hit[0];
          (pairs[key] || (pairs[key] = [])).push([postings.number, weight(termIdf, hit[1], hit[2], averages[f], meta.boosts[f])]);
        });
        posting[field] = refs;
      });
      posting._index = postings.number;
      inverted[term] = posting;
      terms.push(term);
    });
    var vectors = Object.create(null);
    Object.keys(pairs).forEach(function (key) {
      var elements = [];
      pairs[key].sort(function (a, b) { return a[0] - b[0]; }).forEach(function (pair) {
        elements.push(pair[0], pair[1]);
      });
      vectors[key] = new lunr.Vector(elements);
    });
    terms.sort();
    return new lunr.Index({
      invertedIndex: inverted,
      fieldVectors: vectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: meta.fields,
      pipeline: lunr.Pipeline.load(meta.pipeline),
    });
  }

  // Runs a lunr query string; resolves to lunr's results, as index.search() gives them.
  function runQuery(queryString) {
    return loadMeta().then(function () {
      var needed = shardsForQuery(queryString);
      if (needed.negated) {
        throw new SearchError("Add a word to search for: a search cannot only leave words out.");
      }
      return Promise.all(needed.shards.map(function (shard) {
        return load(shardPath(shard, "terms")).then(function (data) { return { shard: shard, data: data }; });
      }));
    }).then(function (loaded) {
      return partialIndex(loaded).search(queryString);
    });
  }

  /* ---- What residents type: plain words, fallbacks, ranking ---------------------------- */
  //
  // A search of plain words (no quotes, operators, fields, * or ~) is answered here rather than
  // by lunr's query language, with lunr's weights (the same BM25 arithmetic, the same postings)
  // and these rules on top, in the handbook's words (search help page):
  //   - question words ("what did they decide about") are dropped with lunr's stop words;
  //   - a word in no document falls back to the words that begin with it (sandh -> Sandhu), or
  //     failing that to the archive's close spellings (safegaurding -> safeguarding), which the
  //     page offers as "Did you mean ...?"; both weigh less than an exact word;
  //   - results with every word come before those with some, and boilerplate (apologies, "no
  //     other business", excluding the press and public) comes last;
  //   - a rare word weighs more than a common one (BM25's idf), and the title counts for three
  //     times the body, not lunr's ten, so a short page whose name holds one word does not
  //     outrank an item about the whole question.
  var QUESTION_WORDS = new Set(("decide decided deciding agreed happen happened happening many much tell show find " +
    "know want please anything something information info whats hows whos wheres whens whys").split(" "));
  var RESIDENT_BOOSTS = [3, 3, 2, 1];  // title, topics, people, body
  // lunr's BM25 weighs a word's count against the field's length with b = 0.75, which favours
  // a short item that names a thing once over the item about it; plain searches use 0.4.
  var RESIDENT_B = 0.4;
  var NEIGHBOUR_WEIGHT = 0.5;  // words found side by side, in the order typed, count again by this much
  var PERSON_WEIGHT = 3;  // a search asking "who ..." weighs people's pages this many times more
  var WHO = new Set(["who", "whom", "whose", "whos"]);
  var PREFIX_WEIGHT = 0.5, CLOSE_WEIGHT = 0.4, PREFIX_TERMS = 20, CLOSE_TERMS = 3;
  var FOLDED_WORD = /^[\p{L}]+$/u;

  // (gap, length) runs, as meta.json and the facets hold document numbers -> a Set of them.
  function numbersOf(encoded) {
    var numbers = new Set();
    var end = 0;
    for (var i = 0; i < encoded.length; i += 2) {
      var start = end + encoded[i];
      end = start + encoded[i + 1];
      for (var doc = start; doc < end; doc++) {
        numbers.add(doc);
      }
    }
    return numbers;
  }

  function isPlain(text) {
    return !/["*~^:+]/.test(text) && !/(^|\s)-/.test(text) && !/(^|\s)(AND|OR|NOT)(\s|$)/.test(text);
  }

  // The words of a plain search: [{word, term}], stop words and question words left out.
  function plainWords(text) {
    var seen = new Set();
    var words = [];
    fold(text).toLowerCase().split(SEPARATOR).forEach(function (token) {
      var word = trim(token);
      if (!word || isStopWord(word) || QUESTION_WORDS.has(word)) {
        return;
      }
      var term = stem(word);
      if (!seen.has(term)) {
        seen.add(term);
        words.push({ word: word, term: term });
      }
    });
    return words;
  }

  function loadShards(shards) {
    var unique = new Map();
    shards.forEach(function (shard) { unique.set(shardPath(shard, "terms"), shard); });
    return Promise.all(Array.from(unique.values()).map(function (shard) {
      return load(shardPath(shard, "terms")).then(function (data) { return { shard: shard, data: data }; });
    }));
  }

  function hasPostings(postings) {
    return Boolean(postings) && postings.fields.some(function (field) { return field.length > 0; });
  }

  // Optimal string alignment distance (edits, with a swap of two neighbours as one), or
  // limit + 1 as soon as it is sure to exceed limit.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    var previous2 = null, previous = [], i, j;
    for (j = 0; j <= b.length; j++) {
      previous.push(j);
    }
    for (i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) {
        return limit + 1;
      }
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // The words files of every tier for this first letter, merged: term -> {written: the word as
  // most often written, forms: every tier's way of writing it, documents}.
  function loadWords(letter) {
    var name = /^[a-z0-9]$/.test(letter) ? letter : "_" + Array.from(new TextEncoder().encode(letter)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    var wanted = [];
    tiers.forEach(function (tier, t) {
      if ((meta.words[t] || []).indexOf(letter) !== -1) {
        wanted.push(load(tier.name + "/words/" + name + ".json.gz"));
      }
    });
    return Promise.all(wanted).then(function (tables) {
      var merged = new Map();
      tables.forEach(function (table) {
        Object.keys(table).forEach(function (term) {
          var entry = table[term];
          var known = merged.get(term);
          if (!known) {
            merged.set(term, { written: entry[0], forms: new Set([entry[0]]), documents: entry[1], most: entry[1] });
          } else {
            known.forms.add(entry[0]);
            known.documents += entry[1];
            if (entry[1] > known.most) {
              known.written = entry[0];
              known.most = entry[1];
            }
          }
        });
      });
      return merged;
    });
  }

  // A word in no document -> the archive's close spellings: [{term, written, documents, edits}],
  // the fewest edits first, then the most common.
  function closeWords(word) {
    if (word.length < 4 || !FOLDED_WORD.test(word)) {
      return Promise.resolve([]);
    }
    // One edit, as lunr's word~1 (a swap of neighbours counting as one): with two, "transport"
    // would become "transform".
    var limit = 1;
    var term = stem(word);
    return loadWords(word.charAt(0)).then(function (words) {
      var found = [];
      words.forEach(function (entry, candidate) {
        var edits = distance(term, candidate, limit);
        entry.forms.forEach(function (form) { edits = Math.min(edits, distance(word, form, limit)); });
        if (edits <= limit) {
          found.push({ term: candidate, written: entry.written, documents: entry.documents, edits: edits });
        }
      });
      found.sort(function (a, b) { return a.edits - b.edits || b.documents - a.documents || (a.term < b.term ? -1 : 1); });
      return found.filter(function (entry) { return entry.edits === found[0].edits; }).slice(0, CLOSE_TERMS);
    });
  }

  // Each word -> its group: the terms that stand for it, with their weights, and how it was found
  // ("exact", "prefix", "close" or "none").
  function resolveWords(words) {
    return loadShards([].concat.apply([], words.map(function (w) { return shardFor(w.term); }))).then(function (loaded) {
      var gathered = gatherPostings(loaded);
      return Promise.all(words.map(function (w) {
        if (hasPostings(gathered.get(w.term))) {
          return { word: w.word, how: "exact", alternatives: [{ term: w.term, weight: 1 }] };
        }
        var prefix = w.term.length >= 3 ? w.term : null;
        var starting = prefix ? loadShards(shardsStarting(prefix)) : Promise.resolve([]);
        return starting.then(function (loadedPrefix) {
          var candidates = [];
          gatherPostings(loadedPrefix).forEach(function (postings, term) {
            if (term.startsWith(prefix) && term !== w.term && hasPostings(postings)) {
              candidates.push({ term: term, documents: postings.fields.reduce(function (sum, f) { return sum + f.length; }, 0) });
            }
          });
          if (candidates.length) {
            candidates.sort(function (a, b) { return b.documents - a.documents || (a.term < b.term ? -1 : 1); });
            return { word: w.word, how: "prefix", alternatives: candidates.slice(0, PREFIX_TERMS).map(function (c) { return { term: c.term, weight: PREFIX_WEIGHT }; }) };
          }
          return closeWords(w.word).then(function (close) {
            if (!close.length) {
              return { word: w.word, how: "none", alternatives: [] };
            }
            return {
              word: w.word, how: "close", suggestion: close[0].written,
              alternatives: close.map(function (c) { return { term: c.term, weight: CLOSE_WEIGHT / c.edits }; }),
            };
          });
        });
      }));
    });
  }

  // Words of the search found next to each other, in its order (up to two words between, which
  // may be stop words: "director of children's services"), in any field: per pair of
  // neighbouring words, document -> how often.
  function neighbours(groups) {
    var exact = groups.filter(function (group) { return group.how === "exact"; });
    if (exact.length < 2) {
      return Promise.resolve([]);
    }
    var terms = exact.map(function (group) { return group.alternatives[0].term; });
    return loadPositions(terms).then(function (positions) {
      var pairs = [];
      for (var i = 0; i + 1 < terms.length; i++) {
        var counts = new Map();
        var first = positions.get(terms[i]), second = positions.get(terms[i + 1]);
        first.forEach(function (docs, f) {
          docs.forEach(function (places, doc) {
            var after = second[f].get(doc);
            if (!after) {
              return;
            }
            var count = 0;
            places.forEach(function (place) {
              for (var gap = 1; gap <= 3; gap++) {
                if (after.has(place + gap)) {
                  count++;
                  break;
                }
              }
            });
            if (count) {
              counts.set(doc, (counts.get(doc) || 0) + count);
            }
          });
        });
        pairs.push({ groups: [groups.indexOf(exact[i]), groups.indexOf(exact[i + 1])], counts: counts });
      }
      return pairs;
    });
  }

  // The groups' terms' postings -> results ranked by the rules above, in lunr's result shape.
  function rankPlain(groups, who) {
    var shards = [];
    groups.forEach(function (group) {
      group.alternatives.forEach(function (alt) { shards = shards.concat(shardFor(alt.term)); });
    });
    return Promise.all([loadShards(shards), neighbours(groups)]).then(function (both) {
      var gathered = gatherPostings(both[0]);
      var pairs = both[1];
      var averages = meta.lengths.map(function (total) { return total / meta.documents; });
      var procedural = numbersOf(meta.procedural || []);
      var people = numbersOf(meta.people || []);
      var docs = new Map();  // ref -> {scores: per group, terms: the terms found there}
      var wanted = groups.filter(function (group) { return group.alternatives.length; });
      var place = groups.map(function (group) { return wanted.indexOf(group); });
      wanted.forEach(function (group, g) {
        group.alternatives.forEach(function (alt) {
          var postings = gathered.get(alt.term);
          if (!postings) {
            return;
          }
          var termIdf = idf(postings.fields.reduce(function (sum, field) { return sum + field.length; }, 0));
          var perDoc = new Map();
          postings.fields.forEach(function (field, f) {
            field.forEach(function (hit) {
              var w = weight(termIdf, hit[1], hit[2], averages[f], RESIDENT_BOOSTS[f], RESIDENT_B);
              perDoc.set(hit[0], (perDoc.get(hit[0]) || 0) + w);
            });
          });
          perDoc.forEach(function (score, ref) {
            var doc = docs.get(ref);
            if (!doc) {
              doc = { scores: new Array(wanted.length).fill(0), terms: [] };
              docs.set(ref, doc);
            }
            doc.scores[g] = Math.max(doc.scores[g], score * alt.weight);
            if (doc.terms.indexOf(alt.term) === -1) {
              doc.terms.push(alt.term);
            }
          });
        });
      });
      var results = [];
      // Results found by the same terms share one (read-only) metadata: a common word in a large
      // archive finds tens of thousands of documents, and an object each keeps the collector busy.
      var metadataOf = new Map();
      docs.forEach(function (doc, ref) {
        var matched = doc.scores.filter(function (score) { return score > 0; }).length;
        var score = doc.scores.reduce(function (sum, value) { return sum + value; }, 0);
        if (who && people.has(ref)) {
          score *= PERSON_WEIGHT;
        }
        // Neighbouring words count again, by half, the more often they are together.
        pairs.forEach(function (pair) {
          var count = pair.counts.get(ref);
          if (count) {
            score += NEIGHBOUR_WEIGHT * (doc.scores[place[pair.groups[0]]] + doc.scores[place[pair.groups[1]]]) * count / (count + 0.5);
          }
        });
        var key = doc.terms.join(" ");
        var metadata = metadataOf.get(key);
        if (!metadata) {
          metadata = {};
          doc.terms.forEach(function (term) { metadata[term] = {}; });
          metadataOf.set(key, metadata);
        }
        results.push({
          ref: String(ref), score: score, matchData: { metadata: metadata },
          rank: procedural.has(ref) ? 0 : matched === wanted.length ? 2 : 1,
        });
      });
      results.sort(function (a, b) { return b.rank - a.rank || b.score - a.score || Number(a.ref) - Number(b.ref); });
      return results;
    });
  }

  function asksWho(text) {
    return fold(text).toLowerCase().split(SEPARATOR).some(function (token) { return WHO.has(trim(token)); });
  }

  // A plain search -> {results, groups}: what the page shows and how each word was found.
  function plainSearch(text) {
    return loadMeta().then(function () {
      var words = plainWords(text);
      var resolved = resolveWords(words);
      // Words side by side count extra (neighbours), which takes their positions: requested now,
      // just after the postings rather than once they are in, since a round trip costs more than
      // the bytes of a shard that a misspelt word turns out not to need.
      if (words.length > 1) {
        positionShards(words.map(function (w) { return w.term; })).forEach(function (shard, path) { load(path); });
      }
      return resolved.then(function (groups) {
        return rankPlain(groups, asksWho(text)).then(function (results) {
          return { results: results, groups: groups };
        });
      });
    });
  }

  // "Did you mean" text: the search with each close-spelled word replaced by the archive's own.
  function suggestion(text, groups) {
    var replaced = false;
    var corrected = text;
    groups.forEach(function (group) {
      if (group.how === "close") {
        var pattern = new RegExp("(^|[^\\p{L}\\p{N}])" + group.word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=$|[^\\p{L}\\p{N}])", "iu");
        var next = fold(corrected).replace(pattern, function (whole, before) { return before + group.suggestion; });
        replaced = replaced || next !== corrected;
        corrected = next;
      }
    });
    return replaced ? corrected : null;
  }

  function SearchError(message) {
    this.message = message;
  }

  /* ---- From what people type to a lunr query ------------------------------------------ */

  function escapeTerm(word) {
    return word.replace(/[\\:~^*+]/g, "\\$&");
  }

  // 'school transport', '"school transport"', 'ofsted AND 2017', 'NOT covid', 'educ*',
  // '+libraries -closure', 'title:ofsted' -> a lunr query string, and the phrases to check.
  function translate(text) {
    var clauses = [];
    var phrases = [];
    var rest = fold(text).replace(/"([^"]*)"?/g, function (whole, phrase) {
      var terms = [];
      phrase.toLowerCase().split(SEPARATOR).forEach(function (token, position) {
        var word = trim(token);
        if (word && !isStopWord(word)) {
          clauses.push("+" + escapeTerm(word));
          terms.push([stem(word), position]);
        }
      });
      if (terms.length > 1) {
        phrases.push(terms);
      }
      return " ";
    });
    var presence = "";
    var pendingAnd = false;
    rest.split(/\s+/).forEach(function (token) {
      if (OPERATORS[token]) {
        if (token === "AND" && clauses.length) {
          clauses[clauses.length - 1] = clauses[clauses.length - 1].replace(/^[+-]?/, "+");
          pendingAnd = true;
        }
        presence = token === "NOT" ? "-" : presence;
        return;
      }
      var sign = token.charAt(0) === "+" || token.charAt(0) === "-" ? token.charAt(0) : "";
      var field = "";
      var body = token.slice(sign.length);
      var fieldMatch = /^([a-z]+):(.+)$/i.exec(body);
      if (fieldMatch && meta.fields.indexOf(fieldMatch[1].toLowerCase()) !== -1) {
        field = fieldMatch[1].toLowerCase() + ":";
        body = fieldMatch[2];
      }
      sign = presence || sign || (pendingAnd ? "+" : "");
      presence = "";
      pendingAnd = false;
      body.toLowerCase().split("-").forEach(function (part) {
        var wildcard = /\*$/.test(part) ? "*" : "";
        var word = trim(wildcard ? part.replace(/\*+$/, "") : part);
        if (!word || (!wildcard && isStopWord(word)) || (wildcard && word.length < 2)) {
          return;
        }
        clauses.push(sign + field + escapeTerm(word) + wildcard);
      });
    });
    return { query: clauses.join(" "), phrases: phrases };
  }

  /* ---- Phrases ------------------------------------------------------------------------ */

  // path -> shard: the position shards of these terms, every tier's.
  function positionShards(terms) {
    var shards = new Map();
    terms.forEach(function (term) { shardFor(term).forEach(function (shard) { shards.set(shardPath(shard, "positions"), shard); }); });
    return shards;
  }

  // term -> field number -> Map(document -> positions), from the position shards.
  function loadPositions(terms) {
    var shards = positionShards(terms);
    return Promise.all(Array.from(shards.keys()).map(function (path) { return load(path); })).then(function (loaded) {
      var tiersOfShards = Array.from(shards.values()).map(function (shard) { return shard.tier; });
      var byTerm = new Map();
      terms.forEach(function (term) {
        var docs = meta.fields.map(function () { return new Map(); });
        loaded.forEach(function (data, s) {
          if (!Object.prototype.hasOwnProperty.call(data, term)) {
            return;
          }
          data[term].forEach(function (flat, f) {
            var doc = tiersOfShards[s].base;
            for (var i = 0; i < flat.length;) {
              doc += flat[i];
              var count = flat[i + 1];
              var places = new Set();
              var place = 0;
              for (var k = 0; k < count; k++) {
                place += flat[i + 2 + k];
                places.add(place);
              }
              docs[f].set(doc, places);
              i += 2 + count;
            }
          });
        });
        byTerm.set(term, docs);
      });
      return byTerm;
    });
  }

  function hasPhrase(ref, phrase, positions) {
    var first = positions.get(phrase[0][0]);
    return meta.fields.some(function (field, f) {
      var starts = first[f] && first[f].get(ref);
      if (!starts) {
        return false;
      }
      return Array.from(starts).some(function (start) {
        return phrase.every(function (part) {
          var places = positions.get(part[0])[f];
          var at = places && places.get(ref);
          return at && at.has(start + part[1] - phrase[0][1]);
        });
      });
    });
  }

  function keepPhrases(results, phrases) {
    if (!phrases.length) {
      return Promise.resolve(results);
    }
    var terms = [];
    phrases.forEach(function (phrase) { phrase.forEach(function (part) { terms.push(part[0]); }); });
    return loadPositions(terms).then(function (positions) {
      return results.filter(function (result) {
        var ref = Number(result.ref);
        return phrases.every(function (phrase) { return hasPhrase(ref, phrase, positions); });
      });
    });
  }

  /* ---- Facets ------------------------------------------------------------------------- */

  // Facet file -> [{key, label, runs: [[start, end), ...]}]
  function loadFacet(name) {
    return load("facets/" + name + ".json.gz").then(function (table) {
      return table.values.map(function (value) {
        var ranges = [];
        var end = 0;
        for (var i = 0; i < value[2].length; i += 2) {
          var start = end + value[2][i];
          end = start + value[2][i + 1];
          ranges.push([start, end]);
        }
        return { key: value[0], label: value[1], ranges: ranges };
      });
    });
  }

  function members(values, keys) {
    var set = new Set();
    values.forEach(function (value) {
      if (keys.has(value.key)) {
        value.ranges.forEach(function (range) {
          for (var doc = range[0]; doc < range[1]; doc++) {
            set.add(doc);
          }
        });
      }
    });
    return set;
  }

  function countIn(value, refs) {
    var count = 0;
    value.ranges.forEach(function (range) {
      for (var doc = range[0]; doc < range[1]; doc++) {
        if (refs.has(doc)) {
          count++;
        }
      }
    });
    return count;
  }

  /* ---- The page ----------------------------------------------------------------------- */

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var facetsBox = document.getElementById("search-facets");
  var clearButton = document.getElementById("search-clear");
  var options = document.getElementById("search-options");
  var suggest = document.getElementById("search-suggest");

  var state = { q: "", sort: "relevance", selected: {} };
  var facetValues = new Map();  // facet name -> values, once fetched
  var current = { all: [], results: [], shown: 0, generation: 0 };
  var titleSuffix = document.title.slice(document.title.indexOf(" - "));

  function readAddress() {
    var params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    state.sort = params.get("sort") === "date" ? "date" : "relevance";
    state.selected = {};
    (meta ? meta.facets : []).forEach(function (facet) {
      var keys = params.getAll(facet[0]).filter(Boolean);
      if (keys.length) {
        state.selected[facet[0]] = new Set(keys);
      }
    });
  }

  function address() {
    var params = new URLSearchParams();
    if (state.q) {
      params.set("q", state.q);
    }
    if (state.sort === "date") {
      params.set("sort", "date");
    }
    meta.facets.forEach(function (facet) {
      (state.selected[facet[0]] ? Array.from(state.selected[facet[0]]) : []).forEach(function (key) { params.append(facet[0], key); });
    });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function announce(message) {
    status.textContent = message;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  function longDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  // A result's text as terms, to mark the words that matched: texts repeat their words, and the
  // stemmer is the costly part of showing results, so each word is stemmed once.
  var textTerms = new Map();
  function textTerm(word) {
    var term = textTerms.get(word);
    if (term === undefined) {
      term = stem(trim(fold(word).toLowerCase()));
      textTerms.set(word, term);
    }
    return term;
  }

  // The words around the best cluster of matches, matches marked; and a quote of the first
  // matched words there, for a link that opens at that very place (see textFragment).
  function snippet(text, matched) {
    var words = [];
    var pattern = /[^\s-]+/g;
    var found;
    while ((found = pattern.exec(text)) !== null) {
      words.push({ text: found[0], start: found.index, hit: matched.has(textTerm(found[0])) });
    }
    var best = 0;
    var bestHits = -1;
    var hits = 0;
    for (var i = 0; i < words.length; i++) {
      hits += words[i].hit ? 1 : 0;
      if (i >= SNIPPET_WORDS) {
        hits -= words[i - SNIPPET_WORDS].hit ? 1 : 0;
      }
      if (hits > bestHits) {
        bestHits = hits;
        best = Math.max(0, i - SNIPPET_WORDS + 1);
      }
    }
    var paragraph = document.createElement("p");
    paragraph.className = "search-result__snippet";
    var shown = words.slice(best, best + SNIPPET_WORDS);
    if (!shown.length) {
      return { paragraph: paragraph, quote: "" };
    }
    var position = shown[0].start;
    paragraph.append(best > 0 ? "… " : "");
    shown.forEach(function (word) {
      paragraph.append(text.slice(position, word.start));
      if (word.hit) {
        var mark = document.createElement("mark");
        mark.textContent = word.text;
        paragraph.append(mark);
      } else {
        paragraph.append(word.text);
      }
      position = word.start + word.text.length;
    });
    if (best + SNIPPET_WORDS < words.length) {
      paragraph.append(" …");
    }
    return { paragraph: paragraph, quote: quoteFrom(text, shown) };
  }

  // Up to QUOTE_WORDS words from the first match in the snippet, within one line (one paragraph
  // or list item of the page).
  var QUOTE_WORDS = 6;
  function quoteFrom(text, shown) {
    var first = shown.findIndex(function (word) { return word.hit; });
    if (first === -1) {
      return "";
    }
    var taken = [shown[first]];
    for (var i = first + 1; i < shown.length && taken.length < QUOTE_WORDS; i++) {
      var previous = taken[taken.length - 1];
      if (/[\n]/.test(text.slice(previous.start + previous.text.length, shown[i].start))) {
        break;
      }
      taken.push(shown[i]);
    }
    var last = taken[taken.length - 1];
    return text.slice(taken[0].start, last.start + last.text.length).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  // A long item or section opens at the words that matched, which the browser marks: the
  // address keeps the item's own anchor before a text fragment (#minute-28:~:text=...), so a
  // browser that cannot find the words, or knows no text fragments, still opens at the item.
  var LONG_TEXT = 600;
  function textFragment(doc, quote) {
    if (!quote || doc.text.length < LONG_TEXT) {
      return "";
    }
    var encoded = encodeURIComponent(quote).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
    return (doc.url.indexOf("#") === -1 ? "#" : "") + ":~:text=" + encoded;
  }

  function resultItem(result, doc) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    heading.className = "search-result__title";
    var matched = snippet(doc.text, new Set(Object.keys(result.matchData.metadata)));
    var link = document.createElement("a");
    link.href = "../" + doc.url + textFragment(doc, matched.quote);
    link.textContent = doc.title;
    heading.append(link);
    var details = document.createElement("p");
    details.className = "search-result__meta";
    var number = doc.number ? (doc.kind === "Agenda item" ? "Agenda item " : "Minute ") + doc.number : "";
    details.textContent = [doc.kind, doc.context, number].filter(Boolean).join(" · ");
    if (doc.date) {
      var time = document.createElement("time");
      time.dateTime = doc.date;
      time.className = "visually-hidden";
      time.textContent = longDate(doc.date);
      details.append(time);
    }
    item.append(heading, details, matched.paragraph);
    return item;
  }

  // The next page of results, each put on screen as soon as it and those above it are in: the
  // first need not wait for the tenth, as a browser fetches only six files at a time from an
  // HTTP/1.1 host. `onFirst` runs as the first goes on screen (at the end for an empty page).
  // The list is aria-busy until the page is whole. Resolves to the page's first item.
  function showMore(generation, onFirst) {
    var page = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    var docs = [];
    var next = 0;
    var first = null;
    var begun = false;
    function begin() {
      if (!begun && onFirst) {
        onFirst();
      }
      begun = true;
    }
    list.setAttribute("aria-busy", "true");
    return Promise.all(page.map(function (result, i) {
      return load("docs/" + result.ref + ".json.gz").then(function (doc) {
        docs[i] = doc;
        for (; generation === current.generation && docs[next]; next++) {
          var item = resultItem(page[next], docs[next]);
          list.append(item);
          first = first || item;
          begin();
        }
      });
    })).then(function () {
      if (generation !== current.generation) {
        return null;
      }
      begin();
      list.removeAttribute("aria-busy");
      current.shown += page.length;
      more.hidden = current.shown >= current.results.length;
      return first;
    });
  }

  // Empties the results; a page of them still loading for an earlier search is dropped.
  function clearResults() {
    current.generation++;
    current.shown = 0;
    list.textContent = "";
    list.removeAttribute("aria-busy");
    more.hidden = true;
  }

  function filtered(results, except) {
    var filters = Object.keys(state.selected).filter(function (name) {
      return name !== except && state.selected[name].size && facetValues.has(name);
    }).map(function (name) { return members(facetValues.get(name), state.selected[name]); });
    if (!filters.length) {
      return results;
    }
    return results.filter(function (result) {
      var ref = Number(result.ref);
      return filters.every(function (set) { return set.has(ref); });
    });
  }

  function renderFacet(name) {
    var box = facetsBox.querySelector('[data-facet="' + name + '"] .facet__options');
    var values = facetValues.get(name);
    if (!box || !values) {
      return;
    }
    var refs = new Set(filtered(current.all || [], name).map(function (result) { return Number(result.ref); }));
    var selected = state.selected[name] || new Set();
    box.textContent = "";
    values.forEach(function (value, i) {
      var count = countIn(value, refs);
      if (!count && !selected.has(value.key)) {
        return;
      }
      var row = document.createElement("li");
      var checkbox = document.createElement("input");
      checkbox.type = "checkbox";
      checkbox.name = name;
      checkbox.value = value.key;
      checkbox.id = "facet-" + name + "-" + i;
      checkbox.checked = selected.has(value.key);
      var label = document.createElement("label");
      label.htmlFor = checkbox.id;
      label.textContent = value.label + " ";
      var number = document.createElement("span");
      number.className = "facet__count";
      number.textContent = "(" + count + ")";
      label.append(number);
      row.append(checkbox, label);
      box.append(row);
    });
    if (!box.children.length) {
      var none = document.createElement("li");
      none.textContent = "No results to narrow down.";
      box.append(none);
    }
  }

  function buildFacets() {
    facetsBox.textContent = "";
    meta.facets.forEach(function (facet) {
      var details = document.createElement("details");
      details.className = "facet";
      details.dataset.facet = facet[0];
      var summary = document.createElement("summary");
      summary.textContent = facet[1];
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.className = "visually-hidden";
      legend.textContent = "Narrow results by " + facet[1].toLowerCase();
      var options = document.createElement("ul");
      options.className = "facet__options";
      fieldset.append(legend, options);
      details.append(summary, fieldset);
      details.open = Boolean(state.selected[facet[0]]);
      details.addEventListener("toggle", function () {
        if (details.open) {
          ensureFacet(facet[0]).then(function () { renderFacet(facet[0]); }).catch(fail);
        }
      });
      facetsBox.append(details);
    });
    facetsBox.hidden = false;
  }

  function ensureFacet(name) {
    if (facetValues.has(name)) {
      return Promise.resolve();
    }
    return loadFacet(name).then(function (values) { facetValues.set(name, values); });
  }

  function fail(error) {
    list.removeAttribute("aria-busy");
    announce(error instanceof SearchError ? error.message : "Search is not working at the moment (" + (error && error.message) + "). Try again later, or browse by committee or year.");
  }

  // Lay out the current results: filter, sort, count, first page.
  function present() {
    clearResults();
    var generation = current.generation;
    var results = filtered(current.all, null);
    if (state.sort === "date") {
      // Documents are numbered oldest first; people and topics, undated, go last.
      var dated = function (result) { return Number(result.ref) < meta.dated ? Number(result.ref) : -1; };
      results = results.slice().sort(function (a, b) { return dated(b) - dated(a); });
    }
    current.results = results;
    meta.facets.forEach(function (facet) {
      var details = facetsBox.querySelector('[data-facet="' + facet[0] + '"]');
      if (details && details.open) {
        renderFacet(facet[0]);
      }
    });
    clearButton.hidden = !Object.keys(state.selected).length;
    var narrowed = current.all.length !== results.length ? " (narrowed from " + current.all.length + ")" : "";
    var message = results.length
      ? plural(results.length, "result") + " for ‘" + state.q + "’" + narrowed + (state.sort === "date" ? ", newest first" : ", best match first")
      : "No results for ‘" + state.q + "’" + narrowed + ". Check the spelling, use fewer words, or try a word that starts the same (educ*).";
    document.title = "Search: " + state.q + " (" + plural(results.length, "result") + ")" + titleSuffix;
    return showMore(generation, function () { announce(message); });
  }

  function run() {
    input.value = state.q;
    options.querySelector('input[name="sort"][value="' + state.sort + '"]').checked = true;
    clearResults();
    options.classList.toggle("search-options--idle", !state.q.trim());
    if (!state.q.trim()) {
      current.all = [];
      announce("");
      return Promise.resolve();
    }
    showSuggestion(null, []);
    if (isPlain(state.q)) {
      if (!plainWords(state.q).length) {
        current.all = [];
        announce("‘" + state.q + "’ has only very common words, which are not indexed. Try more specific words.");
        return Promise.resolve();
      }
      announce("Searching…");
      var facetsWanted = Object.keys(state.selected);
      return Promise.all([plainSearch(state.q)].concat(facetsWanted.map(ensureFacet))).then(function (loaded) {
        current.all = loaded[0].results;
        showSuggestion(suggestion(state.q, loaded[0].groups), loaded[0].groups);
        return present();
      }).catch(fail);
    }
    var translated = translate(state.q);
    if (!translated.query) {
      current.all = [];
      announce("‘" + state.q + "’ has only very common words, which are not indexed. Try more specific words.");
      return Promise.resolve();
    }
    announce("Searching…");
    var selectedFacets = Object.keys(state.selected);
    return Promise.all([runQuery(translated.query)].concat(selectedFacets.map(ensureFacet))).then(function (loaded) {
      return keepPhrases(loaded[0], translated.phrases);
    }).then(function (results) {
      current.all = results;
      return present();
    }).catch(fail);
  }

  // "Did you mean ...?" for close spellings; a note for words found by their beginning.
  function showSuggestion(corrected, groups) {
    if (!suggest) {
      return;
    }
    suggest.textContent = "";
    var begun = groups.filter(function (group) { return group.how === "prefix"; }).map(function (group) { return "‘" + group.word + "’"; });
    var missing = groups.filter(function (group) { return group.how === "none"; }).map(function (group) { return "‘" + group.word + "’"; });
    if (corrected) {
      var link = document.createElement("a");
      var params = new URLSearchParams(location.search);
      params.set("q", corrected);
      link.href = location.pathname + "?" + params.toString();
      link.textContent = corrected;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        state.q = corrected;
        go();
      });
      suggest.append("Did you mean ", link, "? Results for close spellings are included.");
    }
    if (begun.length) {
      suggest.append((suggest.textContent ? " " : "") + "No word is exactly " + begun.join(", ") + "; showing words that begin with " + (begun.length > 1 ? "them" : "it") + ".");
    }
    if (missing.length) {
      suggest.append((suggest.textContent ? " " : "") + "No document has " + missing.join(", ") + ".");
    }
    suggest.hidden = !suggest.textContent;
  }

  function go() {
    history.pushState(null, "", address());
    return run();
  }

  function start() {
    document.querySelector(".search-start").classList.add("search-start--ready");
    // On a wide screen the options sit beside the results, always open; on a phone they fold away.
    var panel = document.getElementById("search-options-panel");
    var wide = window.matchMedia("(min-width: 48rem)");
    panel.open = wide.matches;
    wide.addEventListener("change", function () { panel.open = wide.matches; });
    return loadMeta().then(function () {
      readAddress();
      panel.open = panel.open || Object.keys(state.selected).length > 0;
      buildFacets();
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        state.q = input.value.trim();
        go();
      });
      options.addEventListener("change", function (event) {
        var target = event.target;
        if (target.name === "sort") {
          state.sort = target.value;
          history.replaceState(null, "", address());
          present();
        } else if (target.type === "checkbox") {
          var keys = state.selected[target.name] || new Set();
          keys[target.checked ? "add" : "delete"](target.value);
          if (keys.size) {
            state.selected[target.name] = keys;
          } else {
            delete state.selected[target.name];
          }
          history.replaceState(null, "", address());
          present();
        }
      });
      clearButton.addEventListener("click", function () {
        state.selected = {};
        history.replaceState(null, "", address());
        present();
      });
      more.addEventListener("click", function () {
        var shown = current.shown;
        showMore(current.generation).then(function (first) {
          if (first) {
            first.querySelector("a").focus();
          }
          announce("Showing " + Math.min(current.results.length, shown + PAGE_SIZE) + " of " + plural(current.results.length, "result"));
        });
      });
      window.addEventListener("popstate", function () {
        readAddress();
        buildFacets();
        run();
      });
      return run();
    }).catch(fail);
  }

  // For the equivalence test and the benchmark: the page's own query path, without the page.
  window.minutebookSearch = {
    translate: function (text) { return loadMeta().then(function () { return translate(text); }); },
    query: runQuery,
    round: roundThousandths,
    plain: plainSearch,
    isPlain: isPlain,
    words: function (text) { return plainWords(text); },
    distance: distance,
  };

  if (form && window.lunr && window.DecompressionStream) {
    start();
  }
})();
