"""Scripts that rebuild pipeline/models/id_ner and measure NER (make train-ner-id, eval-ner)."""
